import NIOCore

extension ConversationItems {
    /// The conversation stored turns make, oldest first: each turn's input items, then the
    /// output items its answer gave.
    public init(history turns: [StoredResponse]) throws(GatewayError) {
        var items: [[UInt8]] = []
        for turn in turns {
            items += try Self.elements(of: Array(turn.inputItems.utf8), what: "input_items").items
            items += try Self.output(of: Array(turn.response.utf8)).items
        }
        self.init(items)
    }

    /// The `output` items of a response object's JSON.
    public static func output(of response: [UInt8]) throws(GatewayError) -> ConversationItems {
        let range: Range<Int>? = response.withUnsafeBytes { raw in
            guard let index = try? JSONScanner.indexObject(raw), let output = index.member("output"), output.kind == .array else { return nil }
            return output.valueRange
        }
        guard let range else { return ConversationItems() }
        return try elements(of: Array(response[range]), what: "output")
    }

    public static func elements(of bytes: [UInt8], what: String) throws(GatewayError) -> ConversationItems {
        let result: Result<ConversationItems, GatewayError> = bytes.withUnsafeBytes { raw in
            do throws(GatewayError) {
                return .success(try elements(of: raw, what: what))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
