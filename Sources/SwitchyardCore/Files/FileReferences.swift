import Foundation

/// The gateway's own file ids (`file-…`) inside a request's content, and the request with
/// each one replaced by the file's bytes in the form the client's dialect takes inline.
///
/// - OpenAI chat: `{"type":"file","file":{"file_id"}}` becomes `file_data` (a `data:` URL and
///   the file's name), or an `image_url` part when the file is an image.
/// - Responses: `input_file` with `file_id` becomes `file_data` (`input_image` for images);
///   `input_image` with `file_id` takes the file as its `image_url`.
/// - Anthropic: an `image` or `document` block whose source is `{"type":"file","file_id"}`
///   gets a `base64` source (`text` for plain-text documents).
/// - Gemini: `fileData` whose `fileUri` is a gateway id becomes `inlineData`.
///
/// Ids that are not the gateway's (a provider's own `file_…` or `files/…` reference) are left
/// alone for the provider to read.
public struct FileReferences: Sendable {
    public enum Dialect: Sendable {
        case chat, responses, anthropic, gemini

        /// The dialect of an operation whose content may name files, nil for every other.
        public init?(operation: GatewayOperation) {
            switch operation.name {
            case OperationTable.chatCompletions.name: self = .chat
            case OperationTable.messages.name: self = .anthropic
            case OperationTable.generateContent.name, OperationTable.streamGenerateContent.name: self = .gemini
            case "responses": self = .responses
            default: return nil
            }
        }

        /// The top-level member that holds the content.
        public var member: String {
            switch self {
            case .chat, .anthropic: "messages"
            case .responses: "input"
            case .gemini: "contents"
            }
        }
    }

    public let dialect: Dialect

    public init(_ dialect: Dialect) {
        self.dialect = dialect
    }

    /// Whether raw JSON may name a gateway file: a cheap test before anything is decoded.
    public static func mayReference(_ bytes: UnsafeRawBufferPointer) -> Bool {
        OpenAIStreamRelay.contains(bytes, Array(#""file-"#.utf8))
    }

    /// Whether `id` is one the gateway issues.
    public static func isGatewayID(_ id: String) -> Bool {
        id.hasPrefix("file-") && id.count > 5
    }

    /// Every gateway file id the content names, first occurrence first.
    public func ids(in content: JSONValue) -> [String] {
        var found: [String] = []
        walk(content) { object in
            if let id = reference(in: object), !found.contains(id) { found.append(id) }
            return nil
        }
        return found
    }

    /// The content with every reference replaced by its file from `files` (which holds every
    /// id `ids(in:)` returned).
    /// - Throws: a 400 when a file cannot stand where it is named (a PDF as an image).
    public func inlining(_ content: JSONValue, files: [String: InlineFile]) throws(GatewayError) -> JSONValue {
        var failure: GatewayError?
        let result = walk(content) { object in
            guard failure == nil, let id = reference(in: object), let file = files[id] else { return nil }
            do throws(GatewayError) {
                return try inlined(object, file: file, id: id)
            } catch {
                failure = error
                return nil
            }
        }
        if let failure { throw failure }
        return result
    }

    /// The gateway file id an object refers to in this dialect, if it is such a reference.
    func reference(in object: [String: JSONValue]) -> String? {
        let id: String?
        switch dialect {
        case .chat:
            id = object["type"]?.stringValue == "file" ? object["file"]?["file_id"]?.stringValue : nil
        case .responses:
            let type = object["type"]?.stringValue
            id = type == "input_file" || type == "input_image" ? object["file_id"]?.stringValue : nil
        case .anthropic:
            let type = object["type"]?.stringValue
            let source = object["source"]
            id = (type == "image" || type == "document") && source?["type"]?.stringValue == "file" ? source?["file_id"]?.stringValue : nil
        case .gemini:
            let data = object["fileData"] ?? object["file_data"]
            id = (data?["fileUri"] ?? data?["file_uri"])?.stringValue
        }
        return id.flatMap { Self.isGatewayID($0) ? $0 : nil }
    }

    private func inlined(_ object: [String: JSONValue], file: InlineFile, id: String) throws(GatewayError) -> [String: JSONValue] {
        var result = object
        switch dialect {
        case .chat:
            if file.isImage {
                result = ["type": "image_url", "image_url": .object(["url": .string(file.dataURL)])]
            } else {
                result["file"] = .object(["file_data": .string(file.dataURL), "filename": .string(file.filename)])
            }
        case .responses:
            let detail = object["detail"]
            if object["type"]?.stringValue == "input_image" || file.isImage {
                guard file.isImage else { throw Self.notAnImage(id, file) }
                result = ["type": "input_image", "image_url": .string(file.dataURL), "detail": detail ?? "auto"]
            } else {
                result.removeValue(forKey: "file_id")
                result["file_data"] = .string(file.dataURL)
                result["filename"] = .string(file.filename)
            }
        case .anthropic:
            if object["type"]?.stringValue == "image" {
                guard file.isImage else { throw Self.notAnImage(id, file) }
                result["source"] = .object(["type": "base64", "media_type": .string(file.mediaType), "data": .string(file.base64)])
            } else if file.isText, let text = file.text {
                result["source"] = .object(["type": "text", "media_type": "text/plain", "data": .string(text)])
            } else if file.isImage {
                result["type"] = "image"
                result["source"] = .object(["type": "base64", "media_type": .string(file.mediaType), "data": .string(file.base64)])
            } else {
                result["source"] = .object(["type": "base64", "media_type": .string(file.mediaType), "data": .string(file.base64)])
                if result["title"] == nil { result["title"] = .string(file.filename) }
            }
        case .gemini:
            let key = object["fileData"] != nil ? "fileData" : "file_data"
            result.removeValue(forKey: key)
            result[key == "fileData" ? "inlineData" : "inline_data"] = .object(
                [key == "fileData" ? "mimeType" : "mime_type": .string(file.mediaType), "data": .string(file.base64)]
            )
        }
        return result
    }

    private static func notAnImage(_ id: String, _ file: InlineFile) -> GatewayError {
        GatewayError.invalidRequest("The file '\(id)' is \(file.mediaType), not an image.", param: "file_id")
    }

    /// The value with `transform` applied to every object, depth first; a non-nil result
    /// replaces the object (and is not walked further).
    @discardableResult
    private func walk(_ value: JSONValue, _ transform: ([String: JSONValue]) -> [String: JSONValue]?) -> JSONValue {
        switch value {
        case .object(let members):
            if let replaced = transform(members) { return .object(replaced) }
            return .object(members.mapValues { walk($0, transform) })
        case .array(let elements):
            return .array(elements.map { walk($0, transform) })
        default:
            return value
        }
    }
}

extension InlineFile {
    /// The file as UTF-8 text, for plain-text documents.
    var text: String? {
        guard let data = Data(base64Encoded: base64) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
