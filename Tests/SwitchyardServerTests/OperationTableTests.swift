import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// Walks `OperationTable`: every row, on every path and prefix it is served under, refuses a
/// blocked key (401) and a model outside the key's allowlist (403) in its surface's envelope,
/// and answers bad input with a 400 or 404 naming the problem.
@Suite struct OperationTableTests {
    static func config() throws -> GatewayConfig {
        try TestConfig.load(
            """
            model_list:
              - model_name: mock
                litellm_params: {model: mock/m}
              - model_name: other
                litellm_params: {model: mock/o}
            general_settings:
              master_key: sk-master-123
            """
        )
    }

    /// A minimal valid body for `operation`, asking for `model`. A new row must add its own.
    static func body(_ operation: GatewayOperation, model: String) -> String? {
        switch operation.name {
        case "chat/completions": #"{"model":"\#(model)","messages":[{"role":"user","content":"hi"}]}"#
        case "completions": #"{"model":"\#(model)","prompt":"hi"}"#
        case "embeddings": #"{"model":"\#(model)","input":"hi"}"#
        case "responses": #"{"model":"\#(model)","input":"hi"}"#
        case "messages": #"{"model":"\#(model)","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#
        case "messages/count_tokens": #"{"model":"\#(model)","messages":[{"role":"user","content":"hi"}]}"#
        case "generateContent", "streamGenerateContent", "countTokens": #"{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}"#
        case "embedContent": #"{"content":{"parts":[{"text":"hi"}]}}"#
        case "batchEmbedContents": #"{"requests":[{"model":"models/\#(model)","content":{"parts":[{"text":"hi"}]}}]}"#
        case "images/generations": #"{"model":"\#(model)","prompt":"a lighthouse"}"#
        case "images/edits": #"{"model":"\#(model)","prompt":"add a hat","images":[{"image_url":"data:image/png;base64,iVBORw0KGgo="}]}"#
        case "images/variations": #"{"model":"\#(model)","image":"iVBORw0KGgo="}"#
        case "audio/speech": #"{"model":"\#(model)","input":"hello","voice":"alloy"}"#
        case "audio/transcriptions", "audio/translations": #"{"model":"\#(model)","file":"UklGRiQAAABXQVZF","filename":"a.wav"}"#
        case "moderations": #"{"model":"\#(model)","input":"hello"}"#
        case "rerank", "v2/rerank": #"{"model":"\#(model)","query":"capital","documents":["Paris is the capital","Bananas"]}"#
        case "ocr": #"{"model":"\#(model)","document":{"type":"image_url","image_url":"data:image/png;base64,iVBORw0KGgo="}}"#
        case "utils/token_counter": #"{"model":"\#(model)","messages":[{"role":"user","content":"hi"}]}"#
        case "videos": #"{"model":"\#(model)","prompt":"a lighthouse","seconds":"4"}"#
        case "music/generations": #"{"model":"\#(model)","prompt":"a shanty"}"#
        default: nil
        }
    }

    /// Every URL a row is served at, for `model`.
    static func urls(_ operation: GatewayOperation, model: String) -> [String] {
        operation.prefixes.flatMap { prefix in
            operation.paths.map { path in
                let filled = path.replacingOccurrences(of: "{model}", with: model).replacingOccurrences(of: "{engine}", with: model)
                let full = "/" + (prefix.isEmpty ? filled : "\(prefix)/\(filled)")
                return full.hasSuffix(":streamGenerateContent") ? full + "?alt=sse" : full
            }
        }
    }

    /// The error's kind in the surface's own envelope: OpenAI's `code`, Anthropic's
    /// `error.type`, Google's `status`.
    static func errorKind(_ body: ByteBuffer, surface: ErrorSurface) -> String? {
        let json = body.json
        let error = json["error"] as? [String: Any]
        switch surface {
        case .openAI: return error?["code"] as? String
        case .anthropic: return json["type"] as? String == "error" ? error?["type"] as? String : nil
        case .gemini: return error?["status"] as? String
        }
    }

    static func send(_ client: any TestClientProtocol, _ url: String, key: String, body: String) async throws -> TestResponse {
        try await client.execute(
            uri: url, method: .post, headers: [.authorization: "Bearer \(key)", .contentType: "application/json"], body: ByteBuffer(string: body)
        )
    }

    /// The sample body for `operation` as the client would send it: JSON, or for an
    /// operation that takes only uploads, a multipart form whose `image` is a file.
    static func sendSample(_ client: any TestClientProtocol, _ operation: GatewayOperation, _ url: String, key: String, model: String) async throws -> TestResponse {
        let json = Self.body(operation, model: model) ?? "{}"
        guard case .form(_, nil) = operation.body else { return try await send(client, url, key: key, body: json) }
        let fields = (try JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: String] ?? [:]
        var form = MultipartWriter()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) where name != "image" { form.addField(name: name, value: value) }
        form.addFile(name: "image", filename: "in.png", contentType: "image/png", bytes: PNGImage.solid(width: 2, height: 2, red: 9, green: 9, blue: 9))
        return try await client.execute(
            uri: url, method: .post, headers: [.authorization: "Bearer \(key)", .contentType: form.contentType], body: form.finish()
        )
    }

    @Test func everyRowHasASampleBodyAndAtLeastOnePath() {
        for operation in OperationTable.all {
            #expect(Self.body(operation, model: "m") != nil, "no sample body for \(operation)")
            #expect(!Self.urls(operation, model: "m").isEmpty)
        }
    }

    @Test(arguments: OperationTable.all)
    func everyPathRefusesABlockedKeyAndAModelOutsideTheAllowlist(_ operation: GatewayOperation) async throws {
        try await withGateway(try Self.config()) { client in
            let admin = AdminClient(client: client)
            let allowed = try await admin.generateKey(["models": ["mock"]])
            let blocked = try await admin.generateKey(["models": ["mock"]])
            #expect(try await admin.post("/key/block", ["key": blocked]).status == .ok)
            let (unauthorized, forbidden): (String, String) = switch operation.surface {
            case .openAI: ("key_blocked", "model_not_allowed")
            case .anthropic: ("authentication_error", "permission_error")
            case .gemini: ("UNAUTHENTICATED", "PERMISSION_DENIED")
            }
            for url in Self.urls(operation, model: "mock") {
                let refused = try await Self.sendSample(client, operation, url, key: blocked, model: "mock")
                #expect(refused.status == .unauthorized, "\(url) with a blocked key: \(refused.status)")
                #expect(Self.errorKind(refused.body, surface: operation.surface) == unauthorized, "\(url): \(String(buffer: refused.body))")
                let allowedAnswer = try await Self.sendSample(client, operation, url, key: allowed, model: "mock")
                #expect(allowedAnswer.status != .unauthorized && allowedAnswer.status != .forbidden, "\(url) with an allowed model: \(allowedAnswer.status)")
            }
            for url in Self.urls(operation, model: "other") {
                let denied = try await Self.sendSample(client, operation, url, key: allowed, model: "other")
                #expect(denied.status == .forbidden, "\(url) outside the allowlist: \(denied.status)")
                #expect(Self.errorKind(denied.body, surface: operation.surface) == forbidden, "\(url): \(String(buffer: denied.body))")
            }
        }
    }

    @Test(arguments: OperationTable.all)
    func badInputIsA400Or404NamingTheProblemNeverA500(_ operation: GatewayOperation) async throws {
        try await withGateway(try Self.config()) { client in
            let url = Self.urls(operation, model: "mock")[0]
            let key = "sk-master-123"
            // Not JSON, and JSON that is not an object.
            for bad in ["{not json", "[1,2]", "\"text\"", ""] {
                let answer = try await Self.send(client, url, key: key, body: bad)
                #expect(answer.status == .badRequest, "\(url) with \(bad): \(answer.status)")
                #expect(Self.errorKind(answer.body, surface: operation.surface) != nil || operation.surface == .openAI)
            }
            // A required member missing.
            if case .json(let required, _) = operation.body, let name = required.first {
                var object = (try? JSONSerialization.jsonObject(with: Data((Self.body(operation, model: "mock") ?? "{}").utf8))) as? [String: Any] ?? [:]
                object[name] = nil
                let answer = try await Self.send(client, url, key: key, body: String(buffer: jsonBody(object)))
                #expect(answer.status == .badRequest, "\(url) without \(name): \(answer.status)")
                #expect(String(buffer: answer.body).contains("'\(name)'"), "the message names \(name): \(String(buffer: answer.body))")
            }
            switch operation.target {
            case .bodyField(let field) where operation.defaultModel != nil:
                // No model: the default group, which this config lacks.
                let missing = try await Self.send(client, url, key: key, body: Self.body(operation, model: "x").map { $0.replacingOccurrences(of: #""model":"x","#, with: "") } ?? "{}")
                #expect(missing.status == .notFound, "\(url) without \(field): \(missing.status)")
                #expect(String(buffer: missing.body).contains(operation.defaultModel ?? "-"))
            case .bodyField(let field):
                let missing = try await Self.send(client, url, key: key, body: #"{"messages":[]}"#)
                #expect(missing.status == .badRequest)
                #expect(String(buffer: missing.body).contains("'\(field)'"))
                let wrongType = try await Self.send(client, url, key: key, body: #"{"\#(field)": 42}"#)
                #expect(wrongType.status == .badRequest)
                let unknown = try await Self.sendSample(client, operation, url, key: key, model: "no-such-model")
                #expect(unknown.status == .notFound, "\(url) for an unknown model: \(unknown.status)")
            case .pathModel:
                let unknownURL = Self.urls(operation, model: "no-such-model")[0]
                let unknown = try await Self.send(client, unknownURL, key: key, body: Self.body(operation, model: "x") ?? "{}")
                #expect(unknown.status == .notFound)
                #expect(Self.errorKind(unknown.body, surface: .gemini) == "NOT_FOUND")
                let noMethod = try await Self.send(client, "/v1beta/models/mock:noSuchMethod", key: key, body: "{}")
                #expect(noMethod.status == .notFound)
                #expect(Self.errorKind(noMethod.body, surface: .gemini) == "NOT_FOUND")
            }
        }
    }
}
