import AsyncHTTPClient
import Foundation
import NIOCore
import SwitchyardCore
import Testing

/// Upstream time (CONTRACT §11): `timeout` bounds a whole non-streamed exchange, head and
/// body; `stream_timeout` bounds a stream's first byte and every gap between its events, and
/// a stall mid-stream ends the stream with the surface's error event.
@Suite struct UpstreamTimeoutTests {
    static func config(_ upstream: FakeOpenAIUpstream, streamTimeout: Double = 2) throws -> GatewayConfig {
        try TestConfig.load("""
            model_list:
              - model_name: gpt-4o
                litellm_params: {model: openai/gpt-4o, api_base: "\(upstream.baseURL)", api_key: k, timeout: 2, stream_timeout: \(streamTimeout)}
            router_settings: {num_retries: 0}
            """)
    }

    static let chat = #"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#
    static let streamedChat = #"{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]}"#
    static let streamedMessages = #"{"model":"gpt-4o","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"hi"}]}"#

    /// Posts `body` and reads the whole answer, however it ends; the test fails rather than
    /// hangs past 15 s.
    static func post(_ gateway: RunningServer, _ path: String, _ body: String) async throws -> (status: Int, text: String, seconds: Double) {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { Task { try? await client.shutdown() } }
        var request = HTTPClientRequest(url: gateway.baseURL + path)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "anthropic-version", value: "2023-06-01")
        request.body = .bytes(ByteBuffer(string: body))
        let started = ContinuousClock.now
        let response = try await client.execute(request, timeout: .seconds(15))
        var text = ""
        do {
            for try await chunk in response.body { text += String(buffer: chunk) }
        } catch {
            text += "(read failed: \(error))"
        }
        let elapsed = ContinuousClock.now - started
        return (Int(response.status.code), text, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    @Test(arguments: [FakeBehavior.trickle(intervalMilliseconds: 50), .stallAfterHead])
    func anAnswerWhoseBodyDoesNotArriveWithinTheTimeoutIs504(behavior: FakeBehavior) async throws {
        let upstream = try await FakeOpenAIUpstream.start(behavior)
        defer { Task { await upstream.stop() } }
        try await withLiveGateway(try Self.config(upstream)) { gateway in
            let answer = try await Self.post(gateway, "/v1/chat/completions", Self.chat)
            #expect(answer.status == 504, "\(answer.text)")
            #expect(answer.text.contains(#""code":"upstream_timeout""#))
            #expect(answer.seconds < 8, "the whole exchange was not bounded: \(answer.seconds) s")
        }
    }

    @Test func aStreamThatStallsMidwayEndsWithTheErrorEvent() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.stallAfterFirstEvent)
        defer { Task { await upstream.stop() } }
        try await withLiveGateway(try Self.config(upstream)) { gateway in
            let answer = try await Self.post(gateway, "/v1/chat/completions", Self.streamedChat)
            #expect(answer.status == 200)
            #expect(answer.text.contains(#""role":"assistant""#), "the event before the stall arrives: \(answer.text)")
            #expect(answer.text.contains(#"data: {"error":"#), "\(answer.text)")
            #expect(answer.text.contains("upstream_timeout"))
            #expect(answer.seconds < 8)
        }
    }

    @Test func aTranslatedStreamThatStallsEndsWithTheSurfacesErrorEvent() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.stallAfterFirstEvent)
        defer { Task { await upstream.stop() } }
        try await withLiveGateway(try Self.config(upstream)) { gateway in
            let answer = try await Self.post(gateway, "/v1/messages", Self.streamedMessages)
            #expect(answer.status == 200)
            #expect(answer.text.contains("event: message_start"), "\(answer.text)")
            #expect(answer.text.contains("event: error"), "\(answer.text)")
            #expect(answer.seconds < 8)
        }
    }

    @Test func aStreamThatSilentlyNeverStartsIs504() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.hang)
        defer { Task { await upstream.stop() } }
        try await withLiveGateway(try Self.config(upstream)) { gateway in
            let answer = try await Self.post(gateway, "/v1/chat/completions", Self.streamedChat)
            #expect(answer.status == 504, "\(answer.text)")
            #expect(answer.seconds < 8)
        }
    }

    @Test func aSteadyStreamLongerThanBothTimeoutsIsNotCut() async throws {
        // Sixteen events 0.3 s apart: 4.5 s in all, longer than the 2 s timeout, and no gap
        // near the 3 s stream timeout.
        let words = (0..<13).map { " w\($0)" }
        let upstream = try await FakeOpenAIUpstream.start(.openAI(words: words, delayMilliseconds: 300))
        defer { Task { await upstream.stop() } }
        try await withLiveGateway(try Self.config(upstream, streamTimeout: 3)) { gateway in
            let answer = try await Self.post(gateway, "/v1/chat/completions", Self.streamedChat)
            #expect(answer.status == 200)
            #expect(answer.text.contains("[DONE]"), "\(answer.text)")
            #expect(!answer.text.contains("error"))
            #expect(answer.seconds >= 4)
        }
    }
}
