extension AnthropicStreamEvent {
    /// The event as Anthropic writes it on the wire: `event: <type>\ndata: <json>\n\n`.
    ///
    /// The JSON is compact (one `data:` line; JSON never contains a raw newline).
    public func sseEncoded() throws -> [UInt8] {
        try SSEEventEncoder.encode(name: type, self)
    }

    /// An `error` event carrying a gateway error, for a stream that fails after it began.
    public init(_ error: GatewayError) {
        self = .error(AnthropicErrorBody.Detail(type: error.upstreamType ?? ErrorSurface.anthropicType(error), message: error.message))
    }
}
