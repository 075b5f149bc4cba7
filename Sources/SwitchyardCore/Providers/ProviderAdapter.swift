import NIOCore

/// Builds the HTTP request a provider expects for one OpenAI-surface operation.
///
/// Adapters are pure: endpoint, auth headers and body in, request out.
public protocol ProviderAdapter: Sendable {
    func request(for endpoint: Endpoint, deployment: Deployment, upstreamModel: String, body: ByteBuffer) -> UpstreamRequest
}

extension ProviderKind {
    /// The adapter that speaks to this provider for OpenAI-dialect operations.
    public var openAIAdapter: any ProviderAdapter {
        switch self {
        case .azure: AzureOpenAIAdapter()
        case .mock: MockAdapter()
        default: OpenAICompatibleAdapter()
        }
    }

    /// Whether the provider accepts `stream_options` (otherwise it reports usage by itself).
    public var acceptsStreamOptions: Bool {
        self != .mistral
    }
}
