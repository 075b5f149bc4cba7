extension ResponseStreamEvent {
    /// The event as OpenAI writes it on the wire: `event: <type>\ndata: <json>\n\n`.
    ///
    /// Responses streams end with their last event: there is no `data: [DONE]`.
    public func sseEncoded() throws -> [UInt8] {
        try SSEEventEncoder.encode(name: type, self)
    }
}
