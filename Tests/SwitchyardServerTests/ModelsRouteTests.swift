import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

@Suite struct ModelsRouteTests {
    static let config = """
        model_list:
          - model_name: gpt-4o
            litellm_params: {model: openai/gpt-4o, api_key: k}
          - model_name: gpt-4o
            litellm_params: {model: azure/gpt-4o-eu, api_base: "https://eu.openai.azure.com", api_key: k}
          - model_name: claude
            litellm_params: {model: anthropic/claude-sonnet-4-5, api_key: k}
          - model_name: "deepseek/*"
            litellm_params: {model: "deepseek/*", api_key: k}
        """

    @Test func listsEveryModelGroupOnceAndNoWildcards() async throws {
        try await withGateway(try TestConfig.load(Self.config)) { client in
            let response = try await client.execute(uri: "/v1/models", method: .get)
            #expect(response.status == .ok)
            #expect(response.body.json["object"] as? String == "list")
            let data = try #require(response.body.json["data"] as? [[String: Any]])
            #expect(data.map { $0["id"] as? String } == ["gpt-4o", "claude"])
            #expect(data.allSatisfy { $0["object"] as? String == "model" && $0["created"] is Int && $0["owned_by"] is String })
        }
    }

    @Test func retrievesOneModelOr404s() async throws {
        try await withGateway(try TestConfig.load(Self.config)) { client in
            let found = try await client.execute(uri: "/v1/models/claude", method: .get)
            #expect(found.body.json["id"] as? String == "claude")
            #expect(found.body.json["owned_by"] as? String == "anthropic")
            let missing = try await client.execute(uri: "/v1/models/some/nested-id", method: .get)
            #expect(missing.status == .notFound)
            #expect((missing.body.json["error"] as? [String: Any])?["code"] as? String == "model_not_found")
        }
    }

    @Test func wildcardGroupsPassTheRequestedIdThrough() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: "deepseek/*"
                litellm_params: {model: "deepseek/*", api_base: "\(upstream.baseURL)", api_key: k}
            """)
        try await withGateway(config) { client in
            let response = try await client.execute(
                uri: "/v1/chat/completions", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"model":"deepseek/deepseek-chat","messages":[{"role":"user","content":"x"}]}"#)
            )
            #expect(response.status == .ok)
            #expect(response.headers[HTTPField.Name("x-model-used")!] == "deepseek/deepseek-chat; deployment=deepseek/*")
        }
        #expect(upstream.requests.first?.json["model"] as? String == "deepseek-chat")
    }
}
