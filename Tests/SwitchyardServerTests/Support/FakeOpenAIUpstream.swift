import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTLS
import NIOSSL
import Logging
import NIOCore
import Synchronization

/// How the fake upstream answers one request.
enum FakeBehavior: Sendable {
    /// A faithful OpenAI answer: a chat.completion, or a stream of chunks (the usage chunk only
    /// when the request asked for it), `delayMilliseconds` between streamed events.
    case openAI(words: [String] = ["Hello", " from", " the", " fake", " upstream"], delayMilliseconds: Int = 0)
    /// An error status with an OpenAI error body.
    case error(status: Int, message: String = "fake failure", type: String = "server_error", retryAfter: Int? = nil)
    /// A raw body with this status and content type.
    case raw(status: Int, contentType: String, body: String)
    /// Never answers.
    case hang
    /// Sends the head and the first event, then goes silent.
    case stallAfterFirstEvent
    /// Sends two stream events, then closes the connection without `[DONE]`.
    case truncatedStream
    /// Sends the head of a chat.completion, then goes silent.
    case stallAfterHead
    /// Sends a chat.completion one byte at a time, `intervalMilliseconds` apart.
    case trickle(intervalMilliseconds: Int)
    /// The n-th request gets the n-th behaviour; the last one repeats.
    indirect case sequence([FakeBehavior])
    /// Waits, then behaves as told.
    indirect case delayed(milliseconds: Int, FakeBehavior)
    /// Fails with 500 at this rate, drawn from a seeded generator, else answers normally.
    case flaky(failureRate: Double, seed: UInt64 = 42)
}

/// A real local server speaking OpenAI's wire format, journaling every request and the
/// time each streamed event was written.
final class FakeOpenAIUpstream: Sendable {
    private struct State {
        var requests: [RecordedRequest] = []
        var writeTimes: [ContinuousClock.Instant] = []
        var behavior: FakeBehavior
        var brokenStreams = 0
        var server: RunningServer?
        var isTLS = false
        var random = SeededGenerator(seed: 42)
    }

    private let state: Mutex<State>

    private init(behavior: FakeBehavior) {
        state = Mutex(State(behavior: behavior))
    }

    var baseURL: String { "\(state.withLock { $0.isTLS } ? "https" : "http")://127.0.0.1:\(port)/v1" }
    var port: Int { state.withLock { $0.server?.port ?? 0 } }
    var requests: [RecordedRequest] { state.withLock { $0.requests } }
    var writeTimes: [ContinuousClock.Instant] { state.withLock { $0.writeTimes } }
    /// Streams that failed to write because the client had gone.
    var brokenStreams: Int { state.withLock { $0.brokenStreams } }

    func setBehavior(_ behavior: FakeBehavior) {
        state.withLock { $0.behavior = behavior }
    }

    /// Starts the fake; with `tls` it serves HTTPS only.
    static func start(_ behavior: FakeBehavior = .openAI(), tls: TLSConfiguration? = nil) async throws -> FakeOpenAIUpstream {
        let upstream = FakeOpenAIUpstream(behavior: behavior)
        upstream.state.withLock { $0.isTLS = tls != nil }
        if case .flaky(_, let seed) = behavior { upstream.state.withLock { $0.random = SeededGenerator(seed: seed) } }
        let server = try await RunningServer.start { onRunning in
            let router = Router()
            router.post("/**") { request, _ in try await upstream.respond(request) }
            var quiet = Logger(label: "fake-openai")
            quiet.logLevel = .critical
            let configuration = ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0))
            if let tls {
                return Application(
                    router: router, server: try .tls(.http1(), tlsConfiguration: tls), configuration: configuration,
                    onServerRunning: onRunning, logger: quiet
                )
            }
            return Application(router: router, configuration: configuration, onServerRunning: onRunning, logger: quiet)
        }
        upstream.state.withLock { $0.server = server }
        return upstream
    }

    func stop() async {
        if let server = state.withLock({ $0.server }) { await server.stop() }
    }

    private func respond(_ request: Request) async throws -> Response {
        let recorded = try await RecordedRequest(receiving: request)
        var behavior = state.withLock { state in
            state.requests.append(recorded)
            return Self.resolve(state.behavior, number: state.requests.count - 1, random: &state.random)
        }
        if case .delayed(let milliseconds, let next) = behavior {
            try await Task.sleep(for: .milliseconds(milliseconds))
            behavior = next
        }
        let json = recorded.json
        let model = json["model"] as? String ?? "unknown"
        let stream = json["stream"] as? Bool ?? false
        let includeUsage = (json["stream_options"] as? [String: Any])?["include_usage"] as? Bool ?? false
        switch behavior {
        case .openAI(let words, let delay):
            if recorded.path.hasSuffix("/embeddings") {
                return Self.json(200, FakeBodies.embeddings(model: model))
            }
            if recorded.path.hasSuffix("/responses") {
                // A fresh id per request, as OpenAI gives one.
                let id = "resp_fake\(state.withLock { $0.requests.count })"
                guard stream else { return Self.json(200, FakeBodies.response(id: id, model: model, text: words.joined())) }
                return streamResponse(FakeBodies.responseStreamEvents(id: id, model: model, words: words), delayMilliseconds: delay)
            }
            guard stream else { return Self.json(200, FakeBodies.completion(model: model, text: words.joined())) }
            let events = FakeBodies.streamEvents(model: model, words: words, includeUsage: includeUsage)
            return streamResponse(events, delayMilliseconds: delay)
        case .error(let status, let message, let type, let retryAfter):
            var response = Self.json(status, #"{"error":{"message":"\#(message)","type":"\#(type)","param":null,"code":null}}"#)
            if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            return response
        case .raw(let status, let contentType, let text):
            return Response(status: .init(code: status), headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
        case .sequence, .delayed, .flaky:
            return Self.json(500, #"{"error":{"message":"unresolved fake behaviour","type":"server_error","param":null,"code":null}}"#)
        case .hang:
            try await Task.sleep(for: .seconds(3600))
            return Self.json(200, "{}")
        case .stallAfterFirstEvent:
            let first = FakeBodies.streamEvents(model: model, words: ["Hi"], includeUsage: false)[0]
            return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: first))
                try await Task.sleep(for: .seconds(3600))
            })
        case .stallAfterHead:
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
                try await Task.sleep(for: .seconds(3600))
            })
        case .trickle(let interval):
            let text = FakeBodies.completion(model: model, text: "slow")
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
                for byte in text.utf8 {
                    try await writer.write(ByteBuffer(bytes: [byte]))
                    try await Task.sleep(for: .milliseconds(interval))
                }
                try await writer.finish(nil)
            })
        case .truncatedStream:
            let events = Array(FakeBodies.streamEvents(model: model, words: ["Half", " a"], includeUsage: false).prefix(2))
            return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
                for event in events { try await writer.write(ByteBuffer(string: event)) }
                throw CancellationError()
            })
        }
    }

    private static func resolve(_ behavior: FakeBehavior, number: Int, random: inout SeededGenerator) -> FakeBehavior {
        switch behavior {
        case .sequence(let list):
            guard let last = list.last else { return .openAI() }
            return resolve(number < list.count ? list[number] : last, number: number, random: &random)
        case .flaky(let rate, _):
            return Double.random(in: 0..<1, using: &random) < rate ? .error(status: 500, message: "flaky failure") : .openAI()
        default:
            return behavior
        }
    }

    private func streamResponse(_ events: [String], delayMilliseconds: Int) -> Response {
        Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
            do {
                for (index, event) in events.enumerated() {
                    if index > 0 && delayMilliseconds > 0 { try await Task.sleep(for: .milliseconds(delayMilliseconds)) }
                    try await writer.write(ByteBuffer(string: event))
                    self.state.withLock { $0.writeTimes.append(.now) }
                }
                try await writer.finish(nil)
            } catch {
                self.state.withLock { $0.brokenStreams += 1 }
                throw error
            }
        })
    }

    private static func json(_ status: Int, _ text: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Response bodies in the exact shape OpenAI sends them.
enum FakeBodies {
    static func completion(model: String, text: String) -> String {
        """
        {
          "id": "chatcmpl-fake123",
          "object": "chat.completion",
          "created": 1730000000,
          "model": "\(model)",
          "choices": [{"index": 0, "message": {"role": "assistant", "content": "\(text)", "refusal": null, "annotations": []}, "logprobs": null, "finish_reason": "stop"}],
          "usage": {"prompt_tokens": 12, "completion_tokens": 5, "total_tokens": 17, "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0}, "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0, "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}},
          "service_tier": "default",
          "system_fingerprint": "fp_fake"
        }
        """
    }

    static func streamEvents(model: String, words: [String], includeUsage: Bool) -> [String] {
        let usageField = includeUsage ? #","usage":null"# : ""
        func chunk(_ delta: String, finish: String = "null") -> String {
            #"data: {"id":"chatcmpl-fake123","object":"chat.completion.chunk","created":1730000000,"model":"\#(model)","system_fingerprint":"fp_fake","choices":[{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(finish)}]\#(usageField)}"# + "\n\n"
        }
        var events = [chunk(#"{"role":"assistant","content":"","refusal":null}"#)]
        for word in words { events.append(chunk(#"{"content":"\#(word)"}"#)) }
        events.append(chunk("{}", finish: #""stop""#))
        if includeUsage {
            events.append(#"data: {"id":"chatcmpl-fake123","object":"chat.completion.chunk","created":1730000000,"model":"\#(model)","system_fingerprint":"fp_fake","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":\#(words.count),"total_tokens":\#(12 + words.count)}}"# + "\n\n")
        }
        events.append("data: [DONE]\n\n")
        return events
    }

    static func embeddings(model: String) -> String {
        #"{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,-0.2,0.3]}],"model":"\#(model)","usage":{"prompt_tokens":3,"total_tokens":3}}"#
    }
}

/// A deterministic generator (SplitMix64), so random faults repeat run to run.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
