extension GatewayError {
    /// A Gemini provider's error answer, passed on with its HTTP status.
    ///
    /// The google.rpc status (`RESOURCE_EXHAUSTED`…) becomes `code`, and a `RetryInfo` detail's
    /// `retryDelay` (`"36s"`) becomes `retryAfter`.
    public init(gemini body: GeminiErrorBody, status: Int) {
        self.init(.upstream(status: status), body.error.message, code: body.error.status)
        for detail in body.error.details ?? [] {
            guard detail["@type"]?.stringValue?.hasSuffix("google.rpc.RetryInfo") == true,
                let delay = detail["retryDelay"]?.stringValue, delay.hasSuffix("s"),
                let seconds = Double(delay.dropLast())
            else { continue }
            retryAfter = seconds
        }
    }
}
