import Foundation

extension AnthropicStreamEvent {
    /// The event as Anthropic writes it on the wire: `event: <type>\ndata: <json>\n\n`.
    ///
    /// The JSON is compact (one `data:` line; JSON never contains a raw newline).
    public func sseEncoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = Array("event: \(type)\ndata: ".utf8)
        bytes.append(contentsOf: try encoder.encode(self))
        bytes.append(contentsOf: [0x0A, 0x0A])
        return bytes
    }

    /// An `error` event carrying a gateway error, for a stream that fails after it began.
    public init(_ error: GatewayError) {
        self = .error(AnthropicErrorBody.Detail(type: error.upstreamType ?? ErrorSurface.anthropicType(error), message: error.message))
    }
}
