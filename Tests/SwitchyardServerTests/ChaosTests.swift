import AsyncHTTPClient
import Foundation
import NIOCore
import SwitchyardCore
import Testing

@Suite struct ChaosTests {
    /// Three deployments that each fail 30% of the time, at random: every request still
    /// succeeds, and `x-model-used` / `x-fallback-*` name the deployment that really answered.
    @Test func fiveHundredRequestsAgainstFlakyDeploymentsAllSucceed() async throws {
        let a = try await FakeOpenAIUpstream.start(.flaky(failureRate: 0.3, seed: 1))
        let b = try await FakeOpenAIUpstream.start(.flaky(failureRate: 0.3, seed: 2))
        let c = try await FakeOpenAIUpstream.start(.flaky(failureRate: 0.3, seed: 3))
        defer { Task { await a.stop(); await b.stop(); await c.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: primary
                litellm_params: {model: openai/deployment-a, api_base: "\(a.baseURL)", api_key: k}
              - model_name: primary
                litellm_params: {model: openai/deployment-b, api_base: "\(b.baseURL)", api_key: k}
              - model_name: backup
                litellm_params: {model: openai/deployment-c, api_base: "\(c.baseURL)", api_key: k}
            router_settings:
              num_retries: 4
              allowed_fails: 3
              cooldown_time: 1
              fallbacks: [{primary: [backup]}]
            """)
        try await withLiveGateway(config) { gateway in
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            let outcomes = try await withThrowingTaskGroup(of: [(Int, String?, String?, String?, String)].self) { group in
                for worker in 0..<10 {
                    group.addTask {
                        var results: [(Int, String?, String?, String?, String)] = []
                        for _ in 0..<50 {
                            var request = HTTPClientRequest(url: gateway.baseURL + "/v1/chat/completions")
                            request.method = .POST
                            request.body = .bytes(ByteBuffer(string: #"{"model":"primary","messages":[{"role":"user","content":"worker \#(worker)"}]}"#))
                            let response = try await client.execute(request, timeout: .seconds(30))
                            let body = try await response.body.collect(upTo: 1 << 20)
                            let answeredBy = body.json["model"] as? String ?? ""
                            results.append((
                                Int(response.status.code), response.headers.first(name: "x-model-used"),
                                response.headers.first(name: "x-fallback-from"), response.headers.first(name: "x-fallback-depth"), answeredBy
                            ))
                        }
                        return results
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            try await client.shutdown()
            #expect(outcomes.count == 500)
            #expect(outcomes.filter { $0.0 != 200 }.isEmpty)
            for (_, modelUsed, fallbackFrom, fallbackDepth, answeredBy) in outcomes {
                let deployment = "openai/\(answeredBy)"
                if answeredBy == "deployment-c" {
                    #expect(modelUsed == "backup; deployment=\(deployment)")
                    #expect(fallbackFrom == "primary")
                    #expect(fallbackDepth == "1")
                } else {
                    #expect(modelUsed == "primary; deployment=\(deployment)")
                    #expect(fallbackFrom == nil)
                    #expect(fallbackDepth == nil)
                }
            }
        }
        // Faults really happened on every deployment.
        #expect(a.requests.count + b.requests.count > 500)
    }
}
