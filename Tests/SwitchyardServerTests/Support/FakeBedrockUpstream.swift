import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import SwitchyardCore

/// A local Bedrock Runtime: `POST /model/{id}/converse` answers a Converse response and
/// `/converse-stream` the AWS event-stream framing, one event per write. It journals the
/// path and headers so tests can check the SigV4 signature was sent.
final class FakeBedrockUpstream: Sendable {
    struct Received: Sendable {
        let path: String
        let headers: [String: String]
        let body: Data
    }

    private let state = Mutex((received: [Received](), server: RunningServer?.none))

    var received: [Received] { state.withLock { $0.received } }
    var baseURL: String { "http://127.0.0.1:\(state.withLock { $0.server?.port ?? 0 })" }

    static func start() async throws -> FakeBedrockUpstream {
        let upstream = FakeBedrockUpstream()
        let server = try await RunningServer.start { onRunning in
            let router = Router()
            router.post("/model/:model/:operation") { request, context in
                try await upstream.respond(request, operation: try context.parameters.require("operation"))
            }
            return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), onServerRunning: onRunning)
        }
        upstream.state.withLock { $0.server = server }
        return upstream
    }

    func stop() async {
        if let server = state.withLock({ $0.server }) { await server.stop() }
    }

    private func respond(_ request: Request, operation: String) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 24)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        state.withLock { $0.received.append(Received(path: request.uri.path, headers: headers, body: Data(buffer: body))) }
        let converse = try JSONDecoder().decode(BedrockConverseRequest.self, from: Data(buffer: body))
        let userText = converse.messages.last.flatMap { message in
            message.content.compactMap { block -> String? in
                if case .text(let text) = block { return text }
                return nil
            }.joined(separator: " ")
        } ?? ""
        let reply = "Bedrock says: \(userText)"
        if operation == "converse" {
            let json = #"{"output":{"message":{"role":"assistant","content":[{"text":"\#(reply)"}]}},"stopReason":"end_turn","usage":{"inputTokens":11,"outputTokens":4,"totalTokens":15},"metrics":{"latencyMs":42}}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
        }
        let words = reply.split(separator: " ").enumerated().map { $0.offset == 0 ? String($0.element) : " " + $0.element }
        var events = [Self.event("messageStart", #"{"role":"assistant"}"#)]
        for word in words {
            events.append(Self.event("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"text":"\#(word)"}}"#))
        }
        events.append(Self.event("contentBlockStop", #"{"contentBlockIndex":0}"#))
        events.append(Self.event("messageStop", #"{"stopReason":"end_turn"}"#))
        events.append(Self.event("metadata", #"{"usage":{"inputTokens":11,"outputTokens":4,"totalTokens":15},"metrics":{"latencyMs":42}}"#))
        let encoded = events.map { $0.encoded() }
        return Response(
            status: .ok,
            headers: [.contentType: "application/vnd.amazon.eventstream"],
            body: ResponseBody { writer in
                for event in encoded { try await writer.write(ByteBuffer(bytes: event)) }
                try await writer.finish(nil)
            }
        )
    }

    static func event(_ type: String, _ payload: String) -> AWSEventStreamMessage {
        AWSEventStreamMessage(
            headers: [
                .init(name: ":event-type", value: .string(type)),
                .init(name: ":content-type", value: .string("application/json")),
                .init(name: ":message-type", value: .string("event")),
            ],
            payload: Array(payload.utf8)
        )
    }
}
