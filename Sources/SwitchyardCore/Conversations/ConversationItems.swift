import NIOCore

/// The items of a Responses conversation as raw JSON objects: read from a request's `input`,
/// given ids for the store, and joined into the input that carries a conversation on.
///
/// Items stay bytes: the gateway keeps what the client and the model wrote (images as
/// base64 included) without decoding and re-encoding it.
public struct ConversationItems: Sendable, Hashable {
    /// Each item's JSON object, in order.
    public var items: [[UInt8]]

    public init(_ items: [[UInt8]] = []) {
        self.items = items
    }

    /// The items of a request's `input`: a string is one user message; an array holds the
    /// items themselves, each an object. No `input` is no items.
    public static func input(of request: OperationRequest) throws(GatewayError) -> ConversationItems {
        guard let member = request.index.member("input"), member.kind != .null else { return ConversationItems() }
        let value = request.bytes.withUnsafeReadableBytes { Array($0[member.valueRange]) }
        switch member.kind {
        case .string:
            return ConversationItems([Array(#"{"type":"message","role":"user","content":"#.utf8) + value + [UInt8(ascii: "}")]])
        case .array:
            return try elements(of: value, what: "input")
        default:
            throw GatewayError.invalidRequest("'input' must be a string or an array of input items.", param: "input")
        }
    }

    /// The elements of a JSON array of objects (`what` names it in errors).
    public static func elements(of array: UnsafeRawBufferPointer, what: String) throws(GatewayError) -> ConversationItems {
        let elements: [(range: Range<Int>, kind: JSONKind)]
        do {
            elements = try JSONScanner.indexArray(array)
        } catch {
            throw GatewayError.malformedJSON(error)
        }
        var items: [[UInt8]] = []
        items.reserveCapacity(elements.count)
        for (offset, element) in elements.enumerated() {
            guard element.kind == .object else {
                throw GatewayError.invalidRequest("'\(what)[\(offset)]' must be an object.", param: "\(what)[\(offset)]")
            }
            items.append(Array(array[element.range]))
        }
        return ConversationItems(items)
    }

    /// The items as OpenAI lists a response's input items: each with an `id` (`msg_…`,
    /// `fc_…`…, from `makeID` and the item's type), and a message written the short way
    /// (`{"role", "content": "text"}`) as the message item it stands for, its text a part
    /// (`input_text`, or `output_text` for the assistant) and its status completed.
    public func identified(_ makeID: (_ prefix: String) -> String) -> ConversationItems {
        ConversationItems(items.map { item in
            item.withUnsafeBytes { raw in
                guard let index = try? JSONScanner.indexObject(raw) else { return item }
                var edit = JSONObjectEdit()
                let isMessage = (index.string("type", in: raw) ?? "message") == "message" && index.member("role") != nil
                if index.member("type") == nil, isMessage { edit.set("type", string: "message") }
                if isMessage, let content = index.member("content"), content.kind == .string {
                    let partType = index.string("role", in: raw) == "assistant" ? "output_text" : "input_text"
                    let annotations = partType == "output_text" ? #","annotations":[]"# : ""
                    let part = Array(#"[{"type":"\#(partType)"\#(annotations),"text":"#.utf8) + Array(raw[content.valueRange]) + Array("}]".utf8)
                    edit.set("content", rawJSON: part)
                }
                if isMessage, index.member("status") == nil { edit.set("status", string: "completed") }
                if index.member("id") == nil {
                    edit.set("id", string: makeID(Self.idPrefix(type: index.string("type", in: raw) ?? "message")))
                }
                if edit.isEmpty { return item }
                var out = ByteBuffer()
                edit.apply(to: raw, index: index, into: &out)
                return Array(out.readableBytesView)
            }
        })
    }

    /// The items as a context for another request: the ids and statuses the gateway or
    /// another provider gave them removed (an upstream would look them up and fail), and
    /// reasoning items dropped unless they carry their own encrypted content.
    public var asContext: ConversationItems {
        ConversationItems(items.compactMap { item in
            item.withUnsafeBytes { raw -> [UInt8]? in
                guard let index = try? JSONScanner.indexObject(raw) else { return nil }
                if index.string("type", in: raw) == "reasoning" {
                    return index.member("encrypted_content").map { $0.kind == .string } == true ? item : nil
                }
                var edit = JSONObjectEdit()
                if index.member("id") != nil { edit.remove("id") }
                if index.member("status") != nil { edit.remove("status") }
                if edit.isEmpty { return item }
                var out = ByteBuffer()
                edit.apply(to: raw, index: index, into: &out)
                return Array(out.readableBytesView)
            }
        })
    }

    /// The items as one JSON array.
    public var json: [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(items.reduce(2) { $0 + $1.count + 1 })
        for (offset, item) in items.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            out += item
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    public static func + (lhs: ConversationItems, rhs: ConversationItems) -> ConversationItems {
        ConversationItems(lhs.items + rhs.items)
    }

    /// OpenAI's id prefix for an item type.
    static func idPrefix(type: String) -> String {
        switch type {
        case "message": "msg"
        case "function_call": "fc"
        case "function_call_output": "fco"
        case "reasoning": "rs"
        default: "item"
        }
    }
}
