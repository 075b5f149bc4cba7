import Hummingbird

/// A provider fake: the conforming type writes the provider's wire format, and
/// `FakeUpstreamServer` serves it on a local port and journals what arrives.
protocol FakeProviderUpstream: Sendable {
    var server: FakeUpstreamServer { get }
    init(server: FakeUpstreamServer)
    /// Answers one journaled request, behaving as `behavior` says, in the provider's format.
    static func respond(_ request: RecordedRequest, _ behavior: FakeProviderBehavior) async throws -> Response
}

extension FakeProviderUpstream {
    /// The `api_base` to configure (`http://127.0.0.1:port`): the gateway appends the
    /// provider's own paths (`/v1/messages`, `/v1beta/models/…`).
    var baseURL: String { server.baseURL }
    /// Every request received, in order.
    var requests: [RecordedRequest] { server.requests }

    func setBehavior(_ behavior: FakeProviderBehavior) {
        server.setBehavior(behavior)
    }

    static func start(_ behavior: FakeProviderBehavior = .echo) async throws -> Self {
        Self(server: try await FakeUpstreamServer.start(behavior) { request, due in try await respond(request, due) })
    }

    func stop() async {
        await server.stop()
    }
}
