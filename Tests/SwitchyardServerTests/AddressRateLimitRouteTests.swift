import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// `ip_rate_limit` on a real socket: counted per client address before any key is checked.
@Suite struct AddressRateLimitRouteTests {
    @Test func theLimitHoldsBeforeAnyKeyAndSparesHealthProbes() async throws {
        let config = try TestConfig.load(
            """
            model_list:
              - model_name: mock
                litellm_params: {model: mock/m}
            general_settings:
              master_key: sk-master-123
              ip_rate_limit: {requests: 3, window: 10m}
            """
        )
        try await withLiveGateway(config) { gateway in
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            defer { Task { try? await client.shutdown() } }
            func get(_ path: String, key: String?) async throws -> (Int, String, String?) {
                var request = HTTPClientRequest(url: gateway.baseURL + path)
                if let key { request.headers.add(name: "authorization", value: "Bearer \(key)") }
                let response = try await client.execute(request, timeout: .seconds(10))
                let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
                return (Int(response.status.code), body, response.headers.first(name: "retry-after"))
            }
            #expect(try await get("/v1/models", key: "sk-master-123").0 == 200)
            #expect(try await get("/v1/models", key: "sk-wrong").0 == 401, "a wrong key still counts")
            #expect(try await get("/v1/models", key: nil).0 == 401)
            let limited = try await get("/v1/models", key: "sk-master-123")
            #expect(limited.0 == 429)
            #expect(limited.1.contains("ip_rate_limit_exceeded"))
            #expect(limited.2.flatMap(Int.init).map { $0 > 500 && $0 <= 600 } == true)
            #expect(try await get("/health/liveliness", key: nil).0 == 200, "probes are not counted")
        }
    }
}
