import Hummingbird
import NIOCore

/// Per-request state: Hummingbird's core storage plus what the gateway learns on the way.
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request's id, echoed in `x-request-id`.
    public var requestID: String = ""
    /// Who sent the request, set by the auth middleware.
    var identity: CallerIdentity = .anonymous
    /// The connection's peer address (no port), for the per-address limit.
    var peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies are collected by each route against the configured limit
    /// (`general_settings.max_request_size_mb`), so the framework's cap is lifted here.
    public var maxUploadSize: Int { Int.max }
}
