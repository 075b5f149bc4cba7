import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

@Suite struct StreamingTests {
    static let streamBody = #"{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"Hi"}]}"#

    @Test func asksUpstreamForUsageButHidesTheUsageChunkFromAClientThatDidNotAsk() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream))
        try await withGateway(config) { client in
            let response = try await client.execute(
                uri: "/v1/chat/completions", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: Self.streamBody)
            )
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/event-stream")
            let expected = FakeBodies.streamEvents(model: "gpt-4o-2024-08-06", words: ["Hello", " from", " the", " fake", " upstream"], includeUsage: true)
                .filter { !$0.contains(#""choices":[]"#) }
                .joined()
            #expect(String(buffer: response.body) == expected)
        }
        let forwarded = try #require(upstream.requests.first).json
        #expect((forwarded["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
    }

    @Test func keepsTheUsageChunkForAClientThatAskedForIt() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream))
        try await withGateway(config) { client in
            let response = try await client.execute(
                uri: "/v1/chat/completions", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}"#)
            )
            let text = String(buffer: response.body)
            #expect(text == FakeBodies.streamEvents(model: "gpt-4o-2024-08-06", words: ["Hello", " from", " the", " fake", " upstream"], includeUsage: true).joined())
        }
        let forwarded = try #require(upstream.requests.first)
        #expect(String(decoding: forwarded.body, as: UTF8.self).contains(#""stream_options":{"include_usage":true}"#))
    }

    @Test func mergesIncludeUsageIntoTheClientsOwnStreamOptions() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream))
        try await withGateway(config) { client in
            _ = try await client.execute(
                uri: "/v1/chat/completions", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"model":"gpt-4o","stream":true,"stream_options":{"include_obfuscation":false},"messages":[{"role":"user","content":"Hi"}]}"#)
            )
        }
        let options = try #require(upstream.requests.first?.json["stream_options"] as? [String: Any])
        #expect(options["include_usage"] as? Bool == true)
        #expect(options["include_obfuscation"] as? Bool == false)
    }

    @Test func deliversEachEventAsSoonAsTheUpstreamSendsIt() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.openAI(words: ["a", "b", "c", "d"], delayMilliseconds: 300))
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream))
        try await withLiveGateway(config) { gateway in
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            var request = HTTPClientRequest(url: gateway.baseURL + "/v1/chat/completions")
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: Self.streamBody))
            let response = try await client.execute(request, timeout: .seconds(10))
            var arrivals: [(ContinuousClock.Instant, String)] = []
            for try await chunk in response.body {
                arrivals.append((.now, String(buffer: chunk)))
            }
            try await client.shutdown()
            let text = arrivals.map(\.1).joined()
            #expect(text.hasSuffix("data: [DONE]\n\n"))
            // Each content event reached the client before the upstream wrote the one after
            // next (events are 300 ms apart; one interval of slack for a loaded machine):
            // nothing is held back until the stream ends.
            let sentTimes = upstream.writeTimes
            let events = FakeBodies.streamEvents(model: "gpt-4o-2024-08-06", words: ["a", "b", "c", "d"], includeUsage: true)
            for word in ["a", "b", "c", "d"] {
                let needle = #""content":"\#(word)""#
                let arrival = try #require(arrivals.first { $0.1.contains(needle) }?.0)
                let index = try #require(events.firstIndex { $0.contains(needle) })
                #expect(arrival > sentTimes[index])
                #expect(arrival < sentTimes[index + 2], "event \(word) arrived \(arrival - sentTimes[index]) after it was sent")
            }
        }
    }

    @Test func aClientThatDisconnectsCancelsTheUpstreamStream() async throws {
        let words = (0..<200).map { " w\($0)" }
        let upstream = try await FakeOpenAIUpstream.start(.openAI(words: words, delayMilliseconds: 20))
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream))
        try await withLiveGateway(config) { gateway in
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            var request = HTTPClientRequest(url: gateway.baseURL + "/v1/chat/completions")
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: Self.streamBody))
            let response = try await client.execute(request, timeout: .seconds(10))
            var iterator = response.body.makeAsyncIterator()
            _ = try await iterator.next()
            // Walk away mid-stream: closing the client closes the connection.
            try await client.shutdown()
            let deadline = ContinuousClock.now + .seconds(5)
            while upstream.brokenStreams == 0 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(upstream.brokenStreams == 1)
            #expect(upstream.writeTimes.count < words.count)
        }
    }

    @Test func aStreamThatBreaksAfterTheHeadersEndsWithAnErrorEvent() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.truncatedStream)
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream))
        try await withGateway(config) { client in
            let response = try await client.execute(
                uri: "/v1/chat/completions", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: Self.streamBody)
            )
            #expect(response.status == .ok)
            let events = String(buffer: response.body).components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(events.count == 3)
            #expect(events[1].contains(#""content":"Half""#))
            let last = try #require(events.last)
            #expect(last.hasPrefix("data: {\"error\":"))
            #expect(!String(buffer: response.body).contains("[DONE]"))
        }
    }

    @Test func theMockProviderStreamsInProcess() async throws {
        try await withGateway(GatewayConfig.demo()) { client in
            let response = try await client.execute(
                uri: "/v1/chat/completions", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"model":"mock","stream":true,"messages":[{"role":"user","content":"count to three"}]}"#)
            )
            let text = String(buffer: response.body)
            let contents = text.components(separatedBy: "\n\n").compactMap { event -> String? in
                guard event.hasPrefix("data: {") else { return nil }
                let json = ByteBuffer(string: String(event.dropFirst(6))).json
                return ((json["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String
            }
            #expect(contents.joined() == "Switchyard mock reply to: count to three")
            #expect(!text.contains(#""choices":[]"#))
            #expect(text.hasSuffix("data: [DONE]\n\n"))
        }
    }
}
