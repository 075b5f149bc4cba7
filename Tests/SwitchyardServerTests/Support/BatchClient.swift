import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Calls the Batch API the way the OpenAI SDK does, for the batch tests: input files go up
/// through the Files API, results come back as its file contents.
struct BatchClient: Sendable {
    let client: any TestClientProtocol
    var masterKey = "sk-master-123"

    /// One request line for `/v1/chat/completions`.
    static func line(_ customID: String, _ text: String, model: String = "claude", url: String = "/v1/chat/completions") -> String {
        #"{"custom_id":"\#(customID)","method":"POST","url":"\#(url)","body":{"model":"\#(model)","max_tokens":20,"messages":[{"role":"user","content":"\#(text)"}]}}"#
    }

    /// Uploads `lines` as a `batch` file; answers its id.
    func upload(_ lines: [String], key: String? = nil, purpose: String = "batch") async throws -> String {
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        let uploaded = try await FilesClient(client: client).upload(bytes, key: key ?? masterKey, purpose: purpose, filename: "batch.jsonl")
        #expect(uploaded.status == .ok, "upload answered \(uploaded.status): \(String(buffer: uploaded.body))")
        return uploaded.body.json["id"] as? String ?? ""
    }

    func create(inputFileID: String, key: String? = nil, endpoint: String = "/v1/chat/completions", extra: [String: Any] = [:]) async throws -> TestResponse {
        var fields: [String: Any] = ["input_file_id": inputFileID, "endpoint": endpoint, "completion_window": "24h"]
        fields.merge(extra) { _, new in new }
        return try await send("/v1/batches", method: .post, body: jsonBody(fields), key: key)
    }

    /// Uploads `lines` and creates a batch of them; answers the batch's id.
    func submit(_ lines: [String], key: String? = nil) async throws -> String {
        let created = try await create(inputFileID: try await upload(lines, key: key), key: key)
        #expect(created.status == .ok, "create answered \(created.status): \(String(buffer: created.body))")
        return created.body.json["id"] as? String ?? ""
    }

    func retrieve(_ id: String, key: String? = nil) async throws -> TestResponse {
        try await send("/v1/batches/\(id)", method: .get, key: key)
    }

    func cancel(_ id: String, key: String? = nil) async throws -> TestResponse {
        try await send("/v1/batches/\(id)/cancel", method: .post, key: key)
    }

    func list(_ query: String = "", key: String? = nil) async throws -> TestResponse {
        try await send("/v1/batches\(query)", method: .get, key: key)
    }

    /// The batch once `done` holds for it, polled for at most ten seconds (the scheduler runs
    /// in the background).
    func wait(_ id: String, key: String? = nil, until done: ([String: Any]) -> Bool) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + .seconds(10)
        var batch = try await retrieve(id, key: key).body.json
        while !done(batch), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            batch = try await retrieve(id, key: key).body.json
        }
        #expect(done(batch), "the batch never got there: \(batch)")
        return batch
    }

    /// The batch once it has ended.
    func finished(_ id: String, key: String? = nil) async throws -> [String: Any] {
        try await wait(id, key: key) { ["completed", "failed", "cancelled", "expired"].contains($0["status"] as? String ?? "") }
    }

    /// The lines of an output or error file, parsed; none for a nil id.
    func lines(ofFile id: Any?, key: String? = nil) async throws -> [[String: Any]] {
        guard let id = id as? String else { return [] }
        let content = try await send("/v1/files/\(id)/content", method: .get, key: key)
        #expect(content.status == .ok)
        return String(buffer: content.body).split(separator: "\n").map { ByteBuffer(string: String($0)).json }
    }

    static func counts(_ batch: [String: Any]) -> [Int] {
        let counts = batch["request_counts"] as? [String: Any] ?? [:]
        return ["total", "completed", "failed"].map { counts[$0] as? Int ?? -1 }
    }

    private func send(_ uri: String, method: HTTPRequest.Method, body: ByteBuffer? = nil, key: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(key ?? masterKey)"]
        if body != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body)
    }
}
