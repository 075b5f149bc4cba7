import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import SwitchyardCore
import SwitchyardServer
import Testing

/// `POST /config/reload` (and what `SIGHUP` does): a new config's model groups, prices, router
/// settings and guardrails are in force for the next request; a bad config is refused and the
/// running one kept; requests in flight finish on the deployments they started with.
@Suite struct ConfigReloadTests {
    static let master = "sk-master-123"

    /// The config file's text, changed by a test between reloads.
    final class ConfigFile: Sendable {
        private let text: Mutex<String>

        init(_ text: String) { self.text = Mutex(text) }

        func write(_ text: String) { self.text.withLock { $0 = text } }

        var source: @Sendable () -> ConfigLoadResult {
            { ConfigLoader.load(yaml: self.text.withLock { $0 }, environment: [:]) }
        }
    }

    static func config(models: String, extra: String = "", general: String = "") -> String {
        """
        model_list:
        \(models)
        \(extra)
        general_settings:
          master_key: \(master)
        \(general)
        """
    }

    static let mockGroup = """
          - model_name: mock
            litellm_params: {model: mock/m}
            model_info: {input_cost_per_token: 0.001, output_cost_per_token: 0.001}
        """

    func withReloadableGateway(_ file: ConfigFile, _ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let initial = try #require(file.source().config)
        var quiet = Logger(label: "test")
        quiet.logLevel = .critical
        let app = try buildApplication(GatewayOptions(config: initial, configSource: file.source), logger: quiet)
        try await app.test(.router, test)
    }

    func reload(_ client: any TestClientProtocol, key: String = master) async throws -> TestResponse {
        try await client.execute(uri: "/config/reload", method: .post, headers: [.authorization: "Bearer \(key)"])
    }

    @Test func aNewModelGroupAndNewPricesServeTheNextRequest() async throws {
        let file = ConfigFile(Self.config(models: Self.mockGroup))
        try await withReloadableGateway(file) { client in
            let admin = AdminClient(client: client)
            #expect(try await admin.chat(Self.master, model: "fresh").status == .notFound)
            let before = try await admin.chat(Self.master)
            let costBefore = try #require(before.headers[HTTPField.Name("x-credits-used")!].flatMap(Double.init))

            file.write(Self.config(models: """
                  - model_name: mock
                    litellm_params: {model: mock/m}
                    model_info: {input_cost_per_token: 0.002, output_cost_per_token: 0.002}
                  - model_name: fresh
                    litellm_params: {model: mock/m}
                """))
            let reloaded = try await reload(client)
            #expect(reloaded.status == .ok, "\(String(buffer: reloaded.body))")
            #expect(reloaded.body.json["status"] as? String == "reloaded")
            #expect(reloaded.body.json["model_groups"] as? Int == 2)

            #expect(try await admin.chat(Self.master, model: "fresh").status == .ok)
            let after = try await admin.chat(Self.master)
            let costAfter = try #require(after.headers[HTTPField.Name("x-credits-used")!].flatMap(Double.init))
            #expect(abs(costAfter - 2 * costBefore) < 1e-9, "the same request at twice the price: \(costBefore) then \(costAfter)")
            let models = try await admin.get("/v1/models")
            let ids = (models.body.json["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids == ["mock", "fresh"])
        }
    }

    @Test func aConfigWithErrorsIsRefusedAndTheRunningOneKept() async throws {
        let file = ConfigFile(Self.config(models: Self.mockGroup))
        try await withReloadableGateway(file) { client in
            let admin = AdminClient(client: client)
            file.write("""
                model_list:
                  - model_name: broken
                    litellm_params: {model: openai/gpt-4o, api_base: "not a url"}
                general_settings:
                  master_key: \(Self.master)
                """)
            let refused = try await reload(client)
            #expect(refused.status == .badRequest)
            let error = AdminClient.error(refused)
            #expect(error["code"] as? String == "config_invalid")
            #expect((error["message"] as? String)?.contains("model_list[0].litellm_params.api_base") == true, "\(error)")
            #expect(try await admin.chat(Self.master).status == .ok, "the running config still serves")
            #expect(try await admin.chat(Self.master, model: "broken").status == .notFound)

            let health = try await admin.get("/health")
            let last = try #require(health.body.json["config_reload"] as? [String: Any])
            #expect(last["status"] as? String == "refused")
            #expect((last["errors"] as? [String])?.first?.contains("api_base") == true)

            file.write("model_list: [")
            #expect(try await reload(client).status == .badRequest, "YAML that does not parse is refused too")
            #expect(try await admin.chat(Self.master).status == .ok)
        }
    }

    @Test func onlyAdminsReloadAndGeneralSettingsWaitForARestart() async throws {
        let file = ConfigFile(Self.config(models: Self.mockGroup))
        try await withReloadableGateway(file) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey([:])
            #expect(try await reload(client, key: key).status == .forbidden)
            #expect(try await client.execute(uri: "/config/reload", method: .post).status == .unauthorized)

            file.write(Self.config(models: Self.mockGroup).replacingOccurrences(of: Self.master, with: "sk-new-master-456"))
            let reloaded = try await reload(client)
            #expect(reloaded.status == .ok)
            let warnings = reloaded.body.json["warnings"] as? [String] ?? []
            #expect(warnings.contains { $0.contains("general_settings") }, "\(warnings)")
            #expect(try await admin.chat(Self.master).status == .ok, "the master key changes only on restart")
            #expect(try await admin.chat("sk-new-master-456").status == .unauthorized)
        }
    }

    @Test func turningTraceExportOnWaitsForARestart() async throws {
        let file = ConfigFile(Self.config(models: Self.mockGroup))
        try await withReloadableGateway(file) { client in
            file.write(Self.config(models: Self.mockGroup, extra: "litellm_settings:\n  callbacks: [\"otel\"]"))
            let reloaded = try await reload(client)
            #expect(reloaded.status == .ok)
            let warnings = reloaded.body.json["warnings"] as? [String] ?? []
            #expect(warnings.contains { $0.contains("litellm_settings.callbacks") && $0.contains("restart") }, "\(warnings)")
            #expect(try await AdminClient(client: client).chat(Self.master).status == .ok)
        }
    }

    @Test func aGuardrailAddedByAReloadBlocksTheNextRequest() async throws {
        let file = ConfigFile(Self.config(models: Self.mockGroup))
        try await withReloadableGateway(file) { client in
            let admin = AdminClient(client: client)
            #expect(try await admin.chat(Self.master).status == .ok)
            file.write(Self.config(models: Self.mockGroup, extra: """
                guardrails:
                  - guardrail_name: words
                    litellm_params: {guardrail: content_filter, mode: pre_call, default_on: true, blocked_words: ["x"]}
                """))
            #expect(try await reload(client).status == .ok)
            let blocked = try await admin.chat(Self.master)
            #expect(blocked.status == .forbidden)
            #expect(AdminClient.error(blocked)["type"] as? String == "guardrail_violation")
        }
    }

    @Test func aRequestInFlightFinishesOnTheDeploymentItStartedWith() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.delayed(milliseconds: 1500, .openAI()))
        defer { Task { await upstream.stop() } }
        let group = """
              - model_name: gpt-4o
                litellm_params: {model: openai/gpt-4o, api_base: "\(upstream.baseURL)", api_key: sk-up}
            """
        let file = ConfigFile(Self.config(models: group))
        try await withReloadableGateway(file) { client in
            let admin = AdminClient(client: client)
            async let slow = admin.chat(Self.master, model: "gpt-4o")
            // The request has reached the upstream before the reload takes its group away.
            while upstream.requests.isEmpty { await Task.yield() }
            file.write(Self.config(models: Self.mockGroup))
            #expect(try await reload(client).status == .ok)
            #expect(try await admin.chat(Self.master, model: "gpt-4o").status == .notFound, "a new request sees the new config")
            let finished = try await slow
            #expect(finished.status == .ok, "\(String(buffer: finished.body))")
            let health = try await admin.get("/health")
            let endpoints = (health.body.json["healthy_endpoints"] as? [[String: Any]] ?? []) + (health.body.json["unhealthy_endpoints"] as? [[String: Any]] ?? [])
            #expect(endpoints.compactMap { $0["model_name"] as? String } == ["mock"])
        }
    }

    @Test func aDeploymentThatSurvivesAReloadKeepsItsCooldown() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.error(status: 500))
        defer { Task { await upstream.stop() } }
        let group = """
              - model_name: gpt-4o
                litellm_params: {model: openai/gpt-4o, api_base: "\(upstream.baseURL)", api_key: sk-up, max_retries: 0}
            """
        let file = ConfigFile(Self.config(models: group, extra: "router_settings: {allowed_fails: 1, cooldown_time: 600, num_retries: 0}"))
        try await withReloadableGateway(file) { client async throws in
            let admin = AdminClient(client: client)
            #expect(try await admin.chat(Self.master, model: "gpt-4o").status.code >= 500)
            #expect(try await Self.cooling(admin) == ["gpt-4o"])
            file.write(Self.config(models: group + "\n" + Self.mockGroup, extra: "router_settings: {allowed_fails: 1, cooldown_time: 600, num_retries: 0}"))
            #expect(try await reload(client).status == .ok)
            #expect(try await Self.cooling(admin) == ["gpt-4o"], "the same deployment is still cooling after the reload")
        }
    }

    static func cooling(_ admin: AdminClient) async throws -> [String] {
        let health = try await admin.get("/health")
        return (health.body.json["unhealthy_endpoints"] as? [[String: Any]] ?? []).compactMap { $0["model_name"] as? String }
    }

    @Test func aGatewayWithoutAConfigFileSaysSo() async throws {
        try await withGateway(try TestConfig.load(TestConfig.mockWithMasterKey)) { client in
            let answer = try await client.execute(uri: "/config/reload", method: .post, headers: [.authorization: "Bearer \(Self.master)"])
            #expect(answer.status == .badRequest)
            #expect((AdminClient.error(answer)["message"] as? String)?.contains("without a config file") == true)
        }
    }
}
