extension GatewayError {
    /// The gateway error for an Anthropic error (an error body or a stream `error` event).
    ///
    /// The status is `status` when the HTTP answer gave one, else the status Anthropic uses
    /// for the error type (an in-stream `overloaded_error` is 529). Anthropic's type is kept
    /// in `upstreamType`, so the caller's envelope can pass it on.
    public init(anthropic detail: AnthropicErrorBody.Detail, status: Int? = nil) {
        self.init(.upstream(status: status ?? detail.status), detail.message)
        upstreamType = detail.type
    }
}
