import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// `/metrics` labels come from the config only: whatever model names clients send, the number
/// of series stays bounded by the configured model groups.
@Suite struct MetricsCardinalityTests {
    @Test func unknownAndWildcardModelNamesNeverBecomeNewSeries() async throws {
        let config = try TestConfig.load(
            """
            model_list:
              - model_name: mock
                litellm_params: {model: mock/m}
              - model_name: "family/*"
                litellm_params: {model: "mock/*"}
            """
        )
        try await withGateway(config) { client in
            func chat(_ model: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/v1/chat/completions", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"model":"\#(model)","messages":[{"role":"user","content":"hi"}]}"#)
                )
            }
            let long = String(repeating: "x", count: 10_000)
            func round(_ index: Int) async throws {
                #expect(try await chat("no-such-model-\(index)-\(long)").status == .notFound)
                #expect(try await chat("family/member-\(index)").status == .ok)
                let gemini = try await client.execute(
                    uri: "/v1beta/models/made-up-\(index):generateContent", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"contents":[{"parts":[{"text":"hi"}]}]}"#)
                )
                #expect(gemini.status == .notFound)
            }
            // One round makes the series these requests need; 49 more with new names add none.
            try await round(0)
            let before = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            for index in 1..<50 { try await round(index) }
            let after = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(!after.contains("no-such-model") && !after.contains("family/member") && !after.contains("made-up"))
            #expect(after.contains(#"model_group="unknown""#))
            #expect(after.contains(#"model_group="family/*""#))
            let series = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("#") }.count }
            #expect(series(after) == series(before), "\(series(before)) series before, \(series(after)) after")
            #expect(after.utf8.count < before.utf8.count + 2_000, "only the counts grow")
        }
    }

    @Test func metricsCanRequireAKey() async throws {
        let unkeyed = try TestConfig.load("model_list: [{model_name: mock, litellm_params: {model: mock/m}}]\ngeneral_settings: {master_key: sk-master-123}")
        try await withGateway(unkeyed) { client in
            let scraped = try await client.execute(uri: "/metrics", method: .get)
            #expect(scraped.status == .ok)
        }
        let keyed = try TestConfig.load(
            "model_list: [{model_name: mock, litellm_params: {model: mock/m}}]\ngeneral_settings: {master_key: sk-master-123, metrics_require_key: true}"
        )
        try await withGateway(keyed) { client in
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .unauthorized)
            let scraped = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer sk-master-123"])
            #expect(scraped.status == .ok)
            #expect(String(buffer: scraped.body).contains("switchyard_deployment_in_flight"))
        }
    }
}
