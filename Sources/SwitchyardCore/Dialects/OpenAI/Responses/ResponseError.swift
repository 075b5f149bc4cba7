/// Why a response failed (`error` of a `failed` response): a machine-readable code and a message.
public struct ResponseError: Sendable, Hashable, Codable {
    /// `server_error`, `rate_limit_exceeded`, `invalid_prompt`…
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
