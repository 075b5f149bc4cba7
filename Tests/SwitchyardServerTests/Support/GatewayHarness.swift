import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// Builds gateway configurations from LiteLLM YAML, as users write them.
enum TestConfig {
    static func load(_ yaml: String, environment: [String: String] = [:]) throws -> GatewayConfig {
        let result = ConfigLoader.load(yaml: yaml, environment: environment)
        guard let config = result.config, result.errors.isEmpty else {
            throw ConfigLoadFailure(problems: result.problems.map(\.description))
        }
        return config
    }

    /// The in-process mock with request bodies limited to 1 MB.
    static let mockWithOneMegabyteLimit = """
        model_list:
          - model_name: mock
            litellm_params: {model: mock/m}
        general_settings:
          max_request_size_mb: 1
        """

    /// The in-process mock behind the master key `sk-master-123` (`AdminClient`'s).
    static let mockWithMasterKey = """
        model_list:
          - model_name: mock
            litellm_params: {model: mock/m}
        general_settings:
          master_key: sk-master-123
        """

    /// One model group `gpt-4o` served by the fake upstream.
    static func single(upstream: FakeOpenAIUpstream, extra: String = "", settings: String = "") -> String {
        """
        model_list:
          - model_name: gpt-4o
            litellm_params:
              model: openai/gpt-4o-2024-08-06
              api_base: \(upstream.baseURL)
              api_key: sk-upstream-secret
        \(extra)
            model_info:
              input_cost_per_token: 0.0000025
              output_cost_per_token: 0.00001
        \(settings)
        """
    }
}

struct ConfigLoadFailure: Error, CustomStringConvertible {
    let problems: [String]
    var description: String { problems.joined(separator: "\n") }
}

/// Runs a test against a gateway built from `config`, through HummingbirdTesting's router.
func withGateway(
    _ config: GatewayConfig,
    clock: any GatewayClock = SystemGatewayClock(),
    store: StoreLocation = .sqlite(path: ":memory:"),
    logger: Logger? = nil,
    _ test: @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    var quiet = Logger(label: "test")
    quiet.logLevel = .critical
    let logger = logger ?? quiet
    let app = try buildApplication(GatewayOptions(host: "127.0.0.1", port: 0, config: config, clock: clock, store: store), logger: logger)
    try await app.test(.router, test)
}

/// Runs the gateway on a real socket, for tests that need timing or disconnects.
func withLiveGateway(
    _ config: GatewayConfig,
    store: StoreLocation = .sqlite(path: ":memory:"),
    logger: Logger? = nil,
    _ test: @Sendable (RunningServer) async throws -> Void
) async throws {
    var quiet = Logger(label: "test")
    quiet.logLevel = .critical
    let logger = logger ?? quiet
    let server = try await RunningServer.start { onRunning in
        try buildApplication(GatewayOptions(host: "127.0.0.1", port: 0, config: config, store: store), logger: logger, onServerRunning: onRunning)
    }
    do {
        try await test(server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

extension ByteBuffer {
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: self))) as? [String: Any] ?? [:]
    }
}

func jsonBody(_ object: [String: Any]) -> ByteBuffer {
    ByteBuffer(bytes: (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
}
