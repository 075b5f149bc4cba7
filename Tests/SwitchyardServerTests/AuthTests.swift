@testable import SwitchyardServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

@Suite struct AuthTests {
    static let config = """
        model_list:
          - model_name: mock
            litellm_params: {model: mock/m}
        general_settings:
          master_key: os.environ/SWITCHYARD_MASTER_KEY
        """
    static let body = #"{"model":"mock","messages":[{"role":"user","content":"x"}]}"#

    static func gateway() throws -> GatewayConfig {
        try TestConfig.load(config, environment: ["SWITCHYARD_MASTER_KEY": "sk-master-123"])
    }

    @Test(arguments: [
        ("/v1/chat/completions", [HTTPField.Name.authorization: "Bearer sk-master-123"]),
        ("/v1/chat/completions", [HTTPField.Name("x-api-key")!: "sk-master-123"]),
        ("/v1/chat/completions", [HTTPField.Name("x-goog-api-key")!: "sk-master-123"]),
        ("/v1/chat/completions?key=sk-master-123", [:]),
    ])
    func theMasterKeyIsAcceptedInEveryHeaderStyle(path: String, headers: [HTTPField.Name: String]) async throws {
        try await withGateway(try Self.gateway()) { client in
            var fields = HTTPFields()
            fields[.contentType] = "application/json"
            for (name, value) in headers { fields[name] = value }
            let response = try await client.execute(uri: path, method: .post, headers: fields, body: ByteBuffer(string: Self.body))
            #expect(response.status == .ok)
        }
    }

    @Test func missingAndWrongKeysAre401() async throws {
        try await withGateway(try Self.gateway()) { client in
            let missing = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: Self.body))
            #expect(missing.status == .unauthorized)
            #expect((missing.body.json["error"] as? [String: Any])?["type"] as? String == "authentication_error")
            let wrong = try await client.execute(
                uri: "/v1/chat/completions", method: .post, headers: [.authorization: "Bearer sk-master-124"],
                body: ByteBuffer(string: Self.body)
            )
            #expect(wrong.status == .unauthorized)
            #expect((wrong.body.json["error"] as? [String: Any])?["code"] as? String == "invalid_api_key")
            let models = try await client.execute(uri: "/v1/models", method: .get)
            #expect(models.status == .unauthorized)
        }
    }

    @Test func healthProbesNeedNoKey() async throws {
        try await withGateway(try Self.gateway()) { client in
            #expect(try await client.execute(uri: "/health/liveliness", method: .get).status == .ok)
            let ready = try await client.execute(uri: "/health/readiness", method: .get)
            #expect(ready.status == .ok)
            #expect(ready.body.json["status"] as? String == "healthy")
        }
    }

    @Test func withoutAMasterKeyTheGatewayIsOpen() async throws {
        try await withGateway(GatewayConfig.demo()) { client in
            let response = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: Self.body))
            #expect(response.status == .ok)
        }
    }
}

@Suite struct BearerTokenTests {
    @Test(arguments: [
        ("Bearer sk-1", "sk-1"), ("bearer sk-1", "sk-1"), ("BEARER   sk-1  ", "sk-1"), ("  Bearer sk-1", "sk-1"),
        ("sk-raw", "sk-raw"), ("Bearer", "Bearer"), ("Bearerx sk", "Bearerx sk"),
    ])
    func bearerTokens(header: String, token: String) {
        #expect(AuthMiddleware.bearerToken(header) == token)
    }
}
