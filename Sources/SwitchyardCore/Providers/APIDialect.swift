/// The wire format a provider's API speaks.
///
/// Requests are translated into this dialect before they go upstream; when the client's
/// surface speaks the same dialect the body passes through untouched.
public enum APIDialect: String, Sendable {
    case openAI
    case anthropic
    case gemini
    case bedrock
    case mock
}
