import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Calls the admin API and the proxy the way a user's scripts do, for governance tests.
struct AdminClient: Sendable {
    let client: any TestClientProtocol
    var masterKey = "sk-master-123"

    func post(_ path: String, _ body: [String: Any], key: String? = nil) async throws -> TestResponse {
        try await client.execute(
            uri: path, method: .post,
            headers: [.authorization: "Bearer \(key ?? masterKey)", .contentType: "application/json"],
            body: jsonBody(body)
        )
    }

    func get(_ path: String, key: String? = nil) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(key ?? masterKey)"])
    }

    /// Makes a key with `fields` and answers its secret.
    func generateKey(_ fields: [String: Any] = [:]) async throws -> String {
        let response = try await post("/key/generate", fields)
        #expect(response.status == .ok, "key/generate answered \(response.status): \(String(buffer: response.body))")
        return response.body.json["key"] as? String ?? ""
    }

    /// A chat request to `model` with `key`.
    func chat(_ key: String, model: String = "mock", maxTokens: Int = 5, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields[.authorization] = "Bearer \(key)"
        fields[.contentType] = "application/json"
        return try await client.execute(
            uri: "/v1/chat/completions", method: .post, headers: fields,
            body: ByteBuffer(string: #"{"model":"\#(model)","max_tokens":\#(maxTokens),"messages":[{"role":"user","content":"x"}]}"#)
        )
    }

    func keyInfo(_ key: String) async throws -> [String: Any] {
        let response = try await get("/key/info?key=\(key)")
        return response.body.json["info"] as? [String: Any] ?? [:]
    }
}

extension AdminClient {
    /// The `/spend/logs` rows for `query`, once there are `count` of them: rows reach the
    /// store at the next background write, so this polls, for at most ten seconds.
    func spendLogs(_ query: String, count: Int) async throws -> [[String: Any]] {
        let deadline = ContinuousClock.now + .seconds(10)
        var answer = try await get("/spend/logs?\(query)")
        while answer.body.json["total"] as? Int != count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            answer = try await get("/spend/logs?\(query)")
        }
        #expect(answer.body.json["total"] as? Int == count, "\(String(buffer: answer.body))")
        return answer.body.json["data"] as? [[String: Any]] ?? []
    }

    /// The `error` object of an OpenAI-shaped error answer.
    static func error(_ response: TestResponse) -> [String: Any] {
        response.body.json["error"] as? [String: Any] ?? [:]
    }
}
