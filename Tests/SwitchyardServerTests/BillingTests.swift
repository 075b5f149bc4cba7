import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// Billing multipliers and credits through the HTTP surface, against the fake OpenAI
/// upstream (it reports 12 prompt and 5 completion tokens per answer).
@Suite struct BillingTests {
    /// At 0.001 in and 0.002 out, one fake answer lists at 12 × 0.001 + 5 × 0.002.
    static let listCost = 0.022

    static func config(_ upstream: FakeOpenAIUpstream, settings: String = "") throws -> GatewayConfig {
        let params = "api_base: \(upstream.baseURL), api_key: sk-upstream"
        return try TestConfig.load(
            """
            model_list:
              - model_name: list
                litellm_params: {model: openai/gpt-4o, \(params)}
                model_info: {input_cost_per_token: 0.001, output_cost_per_token: 0.002}
              - model_name: doubled
                litellm_params: {model: openai/gpt-4o, \(params)}
                model_info: {input_cost_per_token: 0.001, output_cost_per_token: 0.002, billing_multiplier: 2}
              - model_name: "priced/*"
                litellm_params: {model: "openai/*", \(params)}
                model_info: {input_cost_per_token: 0.001, output_cost_per_token: 0.002, billing_multiplier: 2}
              - model_name: "resold/*"
                litellm_params: {model: "openai/*", \(params)}
                model_info: {billing_multiplier: 3}
              - model_name: unpriced
                litellm_params: {model: openai/my-own-model, \(params)}
              - model_name: unpriced-too
                litellm_params: {model: openai/my-other-model, \(params)}
            general_settings:
              master_key: sk-master-123
              proxy_batch_write_at: 0.05
            \(settings)
            """
        )
    }

    static func credits(_ response: TestResponse) -> Double? {
        response.headers[HTTPField.Name("x-credits-used")!].flatMap(Double.init)
    }

    @Test func aDoubledModelChargesTwiceTheListCostInTheHeaderTheKeysSpendAndTheLog() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["max_budget": 10])
            let listed = try await admin.chat(key, model: "list")
            #expect(listed.status == .ok)
            #expect(listed.headers[HTTPField.Name("x-credits-used")!] == "0.022")
            let doubled = try await admin.chat(key, model: "doubled")
            #expect(doubled.status == .ok)
            #expect(doubled.headers[HTTPField.Name("x-credits-used")!] == "0.044")
            let spend = try await admin.keyInfo(key)["spend"] as? Double ?? 0
            #expect(abs(spend - 3 * Self.listCost) < 1e-9)

            let rows = try await admin.spendLogs("api_key=\(key)", count: 2)
            let byGroup = Dictionary(uniqueKeysWithValues: rows.map { ($0["model_group"] as? String ?? "", $0) })
            let doubledRow = try #require(byGroup["doubled"])
            #expect(abs((doubledRow["list_cost"] as? Double ?? 0) - Self.listCost) < 1e-9)
            #expect(doubledRow["billing_multiplier"] as? Double == 2)
            #expect(abs((doubledRow["spend"] as? Double ?? 0) - 2 * Self.listCost) < 1e-9)
            let listRow = try #require(byGroup["list"])
            #expect(listRow["billing_multiplier"] as? Double == 1)
            #expect(abs((listRow["spend"] as? Double ?? 0) - Self.listCost) < 1e-9)

            let report = try await admin.get("/global/spend/report")
            let days = (try? JSONSerialization.jsonObject(with: Data(buffer: report.body))) as? [[String: Any]] ?? []
            #expect(abs((days.first?["total_spend"] as? Double ?? 0) - 3 * Self.listCost) < 1e-9)
            #expect(abs((days.first?["total_list_cost"] as? Double ?? 0) - 2 * Self.listCost) < 1e-9)
            let groups = days.first?["teams"] as? [[String: Any]] ?? []
            let doubledGroup = groups.first { $0["model_group"] as? String == "doubled" }
            #expect(abs((doubledGroup?["total_list_cost"] as? Double ?? 0) - Self.listCost) < 1e-9)
        }
    }

    @Test func aWildcardEntryMultipliesItsOwnPriceOrTheListedPriceOfTheModelAsked() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client in
            let admin = AdminClient(client: client)
            let priced = try await admin.chat("sk-master-123", model: "priced/any-model")
            #expect(priced.status == .ok)
            #expect(priced.headers[HTTPField.Name("x-credits-used")!] == "0.044")
            // gpt-4o lists at 2.5e-6 in and 1e-5 out: 12 × 2.5e-6 + 5 × 1e-5 = 8e-5, times 3.
            let resold = try await admin.chat("sk-master-123", model: "resold/gpt-4o-2024-08-06")
            #expect(resold.status == .ok)
            #expect(resold.headers[HTTPField.Name("x-credits-used")!] == "0.00024")
            #expect(upstream.requests.last?.json["model"] as? String == "gpt-4o-2024-08-06")
            let unlisted = try await admin.chat("sk-master-123", model: "resold/my-own-model")
            #expect(unlisted.status == .ok)
            #expect(unlisted.headers[HTTPField.Name("x-credits-used")!] == nil, "a model no price covers has no known cost")
        }
    }

    @Test func creditsPerUSDChangesTheHeaderOnly() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream, settings: "  credits_per_usd: 1000")) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["max_budget": 1])
            let answer = try await admin.chat(key, model: "doubled")
            #expect(answer.status == .ok)
            #expect(answer.headers[HTTPField.Name("x-credits-used")!] == "44")
            let info = try await admin.keyInfo(key)
            #expect(abs((info["spend"] as? Double ?? 0) - 0.044) < 1e-9, "spend stays in USD")
            #expect(info["max_budget"] as? Double == 1)
            let row = try await admin.spendLogs("api_key=\(key)", count: 1).first
            #expect(abs((row?["spend"] as? Double ?? 0) - 0.044) < 1e-9)
            #expect(abs((row?["list_cost"] as? Double ?? 0) - 0.022) < 1e-9)
        }
    }

    /// While one request is in flight its hold counts against the budget; a doubled model's
    /// hold is doubled, so the same budget that lets a second list-price request in refuses it.
    @Test(arguments: [("list", 200), ("doubled", 402)])
    func theHoldOfARequestInFlightIsMultipliedToo(model: String, secondStatus: Int) async throws {
        // The first request waits upstream; the second answers at once.
        let upstream = try await FakeOpenAIUpstream.start(.sequence([.delayed(milliseconds: 4000, .openAI()), .openAI()]))
        defer { Task { await upstream.stop() } }
        try await withGateway(try Self.config(upstream)) { client in
            let admin = AdminClient(client: client)
            // The chat body is about 80 bytes: a hold of about 20 × 0.001 + 5 × 0.002 = 0.03 at list price.
            let key = try await admin.generateKey(["max_budget": 0.05])
            async let first = admin.chat(key, model: model)
            let deadline = ContinuousClock.now + .seconds(10)
            while upstream.requests.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            #expect(upstream.requests.count == 1, "the first request reached the upstream")
            let second = try await admin.chat(key, model: model)
            #expect(second.status.code == secondStatus, "\(String(buffer: second.body))")
            #expect(try await first.status == .ok)
        }
    }

    @Test func aBudgetedKeyUsingAnUnpricedModelIsLoggedAsCostUnknownOncePerGroup() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let logs = LogCapture()
        try await withGateway(try Self.config(upstream), logger: logs.logger(level: .warning)) { client in
            let admin = AdminClient(client: client)
            let unlimited = try await admin.generateKey()
            #expect(try await admin.chat(unlimited, model: "unpriced").status == .ok)
            #expect(logs.all.filter { $0.message.contains("cost_unknown") }.isEmpty, "a key with no budget loses nothing")
            let budgeted = try await admin.generateKey(["max_budget": 1])
            for model in ["unpriced", "unpriced", "list", "unpriced-too"] {
                #expect(try await admin.chat(budgeted, model: model).status == .ok)
            }
        }
        let warnings = logs.all.filter { $0.message.contains("cost_unknown") }
        #expect(warnings.map(\.metadata["switchyard.model_group"]) == ["unpriced", "unpriced-too"])
        #expect(warnings.allSatisfy { $0.level == .warning && $0.metadata["switchyard.event"] == "cost_unknown" })
        #expect(warnings.first?.metadata["switchyard.deployment"] == "openai/my-own-model")
    }
}
