import NIOCore

/// Where and how one provider is reached: its base URL, its authentication, and the path of
/// each operation it serves. Pass-through and translated requests both build their upstream
/// request here, so a provider's addressing lives in one place.
///
/// Capabilities beyond addressing are protocols of their own (`ChatTranslator`), so a
/// provider implements only what it can do.
public protocol ProviderEndpoint: Sendable {
    /// Whether this provider serves `operation` at all.
    func serves(_ operation: ProviderOperation) -> Bool

    /// The upstream request for `operation` with `body` (already in the provider's dialect).
    /// Throws a 400 `unsupported_operation` when the provider does not serve it.
    func request(_ operation: ProviderOperation, deployment: Deployment, upstreamModel: String, body: ByteBuffer) throws(GatewayError) -> UpstreamRequest

    /// The provider's error body as a `GatewayError`, or nil when it is not in its usual shape.
    func error(status: Int, body: ByteBuffer) -> GatewayError?
}

extension ProviderEndpoint {
    /// The 400 for an operation this provider has no endpoint for.
    public func unsupported(_ operation: ProviderOperation, _ deployment: Deployment) -> GatewayError {
        GatewayError(
            .invalidRequest,
            "\(operation) is not available for \(deployment.provider.rawValue) models (deployment `\(deployment.id)`).",
            code: "unsupported_operation"
        )
    }

    /// The deployment's own headers (`extra_headers`), in a stable order.
    static func extraHeaders(_ deployment: Deployment) -> [(name: String, value: String)] {
        deployment.extraHeaders.sorted(by: { $0.key < $1.key }).map { ($0.key, $0.value) }
    }
}

extension ProviderKind {
    /// How to reach this provider, for any operation.
    public var endpoint: any ProviderEndpoint { chatTranslator }
}
