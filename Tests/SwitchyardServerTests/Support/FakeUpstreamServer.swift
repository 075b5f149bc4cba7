import Foundation
import Hummingbird
import Logging
import Synchronization

/// What the provider fakes share: a real server on an ephemeral loopback port that journals
/// every request, then hands it, with the behaviour due for it, to the fake's wire format.
final class FakeUpstreamServer: Sendable {
    /// Answers one journaled request in a provider's wire format.
    typealias Responder = @Sendable (RecordedRequest, FakeProviderBehavior) async throws -> Response

    private struct State {
        var requests: [RecordedRequest] = []
        var behavior: FakeProviderBehavior
        var server: RunningServer?
    }

    private let state: Mutex<State>

    private init(behavior: FakeProviderBehavior) {
        state = Mutex(State(behavior: behavior))
    }

    /// The root the provider's paths hang from (`http://127.0.0.1:port`, no version segment).
    var baseURL: String { "http://127.0.0.1:\(port)" }
    var port: Int { state.withLock { $0.server?.port ?? 0 } }
    var requests: [RecordedRequest] { state.withLock { $0.requests } }

    func setBehavior(_ behavior: FakeProviderBehavior) {
        state.withLock { $0.behavior = behavior }
    }

    static func start(_ behavior: FakeProviderBehavior, respond: @escaping Responder) async throws -> FakeUpstreamServer {
        let upstream = FakeUpstreamServer(behavior: behavior)
        let server = try await RunningServer.start { onRunning in
            let router = Router()
            let journal: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
                let recorded = try await RecordedRequest(receiving: request)
                let due = upstream.state.withLock { state in
                    state.requests.append(recorded)
                    return state.behavior.resolved(number: state.requests.count - 1)
                }
                return try await respond(recorded, due)
            }
            router.post("/**", use: journal)
            // Job APIs poll and download with GET.
            router.get("/**", use: journal)
            var quiet = Logger(label: "fake-upstream")
            quiet.logLevel = .critical
            return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), onServerRunning: onRunning, logger: quiet)
        }
        upstream.state.withLock { $0.server = server }
        return upstream
    }

    func stop() async {
        if let server = state.withLock({ $0.server }) { await server.stop() }
    }
}
