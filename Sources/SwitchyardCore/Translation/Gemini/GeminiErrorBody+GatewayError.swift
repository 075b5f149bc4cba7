extension GeminiErrorBody {
    /// The Gemini envelope of a gateway error, for errors inside a Gemini stream.
    public init(_ error: GatewayError) {
        self.init(code: error.status, message: error.message, status: ErrorSurface.googleStatus(error))
    }
}
