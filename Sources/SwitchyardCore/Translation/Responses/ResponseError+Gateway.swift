extension ResponseError {
    /// A gateway error as a failed response's `error`: its own code when it has one, else
    /// the closest of OpenAI's codes.
    public init(_ error: GatewayError) {
        let fallback: String
        switch error.kind {
        case .rateLimited, .upstream(status: 429): fallback = "rate_limit_exceeded"
        case .invalidRequest: fallback = "invalid_prompt"
        default: fallback = "server_error"
        }
        self.init(code: error.code ?? fallback, message: error.message)
    }
}
