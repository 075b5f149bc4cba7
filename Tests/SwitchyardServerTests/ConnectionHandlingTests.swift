import Foundation
import NIOCore
import NIOPosix
import SwitchyardCore
import SwitchyardServer
import Testing

/// The gateway's own HTTP/1.1 connection layer, spoken to over a raw socket: what clients
/// see on the wire (keep-alive, pipelining, close, limits, headers), not just the router.
@Suite struct ConnectionHandlingTests {
    static let demo = GatewayConfig.demo()

    @Test func answersPipelinedRequestsInOrderOnOneConnection() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            let chat = #"{"model":"mock","messages":[{"role":"user","content":"hi"}]}"#
            let wire = try await RawHTTP.exchange(port: gateway.port, send: [
                RawHTTP.request("GET", "/health/readiness"),
                RawHTTP.request("POST", "/v1/chat/completions", body: chat),
                RawHTTP.request("GET", "/health/liveliness"),
            ].joined(), expectResponses: 3)
            let responses = RawHTTP.split(wire)
            #expect(responses.count == 3)
            #expect(responses[0].contains(#""status":"healthy""#))
            #expect(responses[1].contains(#""object":"chat.completion""#))
            #expect(responses[2].hasSuffix(#""I'm alive!""#))
        }
    }

    @Test func manyPipelinedRequestsAreAllAnsweredInOrder() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            // More than the handler queues before it pauses reading.
            let ids = (0..<40).map { "pipelined-\($0)" }
            let send = ids.map { RawHTTP.request("GET", "/health/liveliness", extraHeaders: "x-request-id: \($0)\r\n") }.joined()
            let wire = try await RawHTTP.exchange(port: gateway.port, send: send, expectResponses: ids.count)
            let answered = RawHTTP.split(wire).compactMap { RawHTTP.header("x-request-id", in: $0) }
            #expect(answered == ids)
        }
    }

    @Test func expectContinueIsAnsweredBeforeTheBodyIsSent() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            // curl and other clients send `Expect: 100-continue` with large bodies and wait
            // for the interim answer (a second, for curl) before sending the body.
            let body = #"{"model":"mock","messages":[{"role":"user","content":"hi"}]}"#
            let head = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\n\r\n"
            let interim = try await RawHTTP.exchange(port: gateway.port, send: head, expectText: "\r\n\r\n")
            #expect(interim.hasPrefix("HTTP/1.1 100 Continue\r\n"))
        }
    }

    @Test func expectContinueWithADeclaredBodyOverTheLimitIs413AtOnce() async throws {
        try await withLiveGateway(try TestConfig.load(TestConfig.mockWithOneMegabyteLimit)) { gateway in
            let head = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000000000\r\nExpect: 100-continue\r\n\r\n"
            // The read ends when the gateway closes: no 100, a 413, no wait for the body.
            let wire = try await RawHTTP.exchange(port: gateway.port, send: head, expectResponses: 99)
            #expect(wire.hasPrefix("HTTP/1.1 413 "), "\(wire)")
            #expect(!wire.contains("100 Continue"))
            #expect(wire.contains(#""code":"request_too_large""#))
            #expect(wire.lowercased().contains("connection: close"))
        }
    }

    @Test(arguments: [40_000, 100_000])
    func aRequestHeadOverTheLimitIs431(size: Int) async throws {
        try await withLiveGateway(Self.demo) { gateway in
            let big = String(repeating: "a", count: size)
            let wire = try await RawHTTP.exchange(
                port: gateway.port, send: RawHTTP.request("GET", "/health/liveliness", extraHeaders: "X-Big: \(big)\r\n"), expectResponses: 99
            )
            #expect(wire.hasPrefix("HTTP/1.1 431 "), "\(wire.prefix(80))")
            // A head under the 32 KB default is served.
            let small = try await RawHTTP.exchange(
                port: gateway.port, send: RawHTTP.request("GET", "/health/liveliness", extraHeaders: "X-Big: \(big.prefix(20_000))\r\n"), expectResponses: 1
            )
            #expect(small.hasPrefix("HTTP/1.1 200 "))
        }
    }

    @Test func anHTTP10ClientIsAnsweredAsHTTP10WithoutChunksAndTheConnectionCloses() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            // A plain answer: a length, then the close HTTP/1.0 expects.
            let plain = try await RawHTTP.exchange(port: gateway.port, send: "GET /health/liveliness HTTP/1.0\r\n\r\n", expectResponses: 99)
            #expect(plain.hasPrefix("HTTP/1.0 200 "), "\(plain.prefix(60))")
            #expect(plain.lowercased().contains("connection: close"))
            // A stream: no chunk framing, the events as they are, ended by the close.
            let body = #"{"model":"mock","stream":true,"messages":[{"role":"user","content":"hi"}]}"#
            let stream = try await RawHTTP.exchange(
                port: gateway.port,
                send: "POST /v1/chat/completions HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)",
                expectResponses: 99
            )
            #expect(stream.hasPrefix("HTTP/1.0 200 "))
            #expect(!stream.lowercased().contains("transfer-encoding"))
            let payload = stream.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
            #expect(payload.hasPrefix("data: {"), "events are not chunk-framed: \(payload.prefix(40))")
            #expect(payload.hasSuffix("data: [DONE]\n\n"))
            // HTTP/1.0 with keep-alive asked for keeps the connection for the next request.
            let kept = try await RawHTTP.exchange(
                port: gateway.port,
                send: "GET /health/liveliness HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /health/readiness HTTP/1.0\r\n\r\n",
                expectResponses: 99
            )
            #expect(RawHTTP.split(kept).count == 2, "\(kept)")
        }
    }

    @Test func originFormTargetsWithQueriesAndAbsoluteFormTargetsAreRouted() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            let wire = try await RawHTTP.exchange(port: gateway.port, send: [
                RawHTTP.request("GET", "/v1/models?key=ignored&x=%20y"),
                RawHTTP.request("GET", "http://localhost:\(gateway.port)/health/readiness"),
            ].joined(), expectResponses: 2)
            let responses = RawHTTP.split(wire)
            #expect(responses.count == 2)
            #expect(responses[0].hasPrefix("HTTP/1.1 200") && responses[0].contains(#""object":"list""#))
            #expect(responses[1].hasPrefix("HTTP/1.1 200") && responses[1].contains(#""status":"healthy""#))
        }
    }

    @Test func everyResponseCarriesDateServerAndARequestID() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            let wire = try await RawHTTP.exchange(port: gateway.port, send: RawHTTP.request("GET", "/health/liveliness") + RawHTTP.request("GET", "/nope"), expectResponses: 2)
            let responses = RawHTTP.split(wire)
            #expect(responses.count == 2)
            var ids: [String] = []
            for response in responses {
                let head = response.lowercased()
                #expect(head.contains("\r\ndate: "))
                #expect(head.contains("\r\nserver: switchyard\r\n"))
                let id = try #require(RawHTTP.header("x-request-id", in: response))
                #expect(id.range(of: #"^[0-9A-F]{8}-[0-9A-F]{4}-7[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$"#, options: .regularExpression) != nil, "\(id)")
                ids.append(id)
            }
            #expect(Set(ids).count == 2)
            // Version 7: the first 48 bits are the time in milliseconds.
            let millisecondsHex = ids[0].replacingOccurrences(of: "-", with: "").prefix(12)
            let milliseconds = try #require(UInt64(millisecondsHex, radix: 16))
            #expect(abs(Double(milliseconds) / 1000 - Date().timeIntervalSince1970) < 60)
            #expect(responses[1].hasPrefix("HTTP/1.1 404"))
        }
    }

    @Test func connectionCloseIsHonouredAfterTheResponse() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            // The read ends when the server closes: no second response, no hang.
            let started = ContinuousClock.now
            let wire = try await RawHTTP.exchange(
                port: gateway.port,
                send: RawHTTP.request("GET", "/health/liveliness", extraHeaders: "Connection: close\r\n"),
                expectResponses: 99
            )
            #expect(RawHTTP.split(wire).count == 1)
            #expect(ContinuousClock.now - started < .seconds(5), "the server kept the connection open")
            #expect(wire.lowercased().contains("\r\nconnection: close\r\n"))
        }
    }

    @Test func aClientThatClosesItsSideIsAnsweredAndThenDisconnected() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            // The client sends two requests and shuts its writing side: both are answered,
            // then the gateway closes too, instead of holding the socket in CLOSE_WAIT.
            let started = ContinuousClock.now
            let wire = try await RawHTTP.exchange(
                port: gateway.port,
                send: RawHTTP.request("GET", "/health/liveliness") + RawHTTP.request("GET", "/health/readiness"),
                expectResponses: 99,
                thenCloseOutput: true
            )
            #expect(RawHTTP.split(wire).count == 2)
            #expect(ContinuousClock.now - started < .seconds(5), "the server kept the connection open")
        }
    }

    @Test func aDeclaredBodyOverTheLimitIsA413InTheSurfacesEnvelopeBeforeItIsRead() async throws {
        let config = try TestConfig.load(TestConfig.mockWithOneMegabyteLimit)
        try await withLiveGateway(config) { gateway in
            // Only the head is sent: the answer cannot wait for the body.
            let head = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 33000000\r\n\r\n"
            let started = ContinuousClock.now
            let wire = try await RawHTTP.exchange(port: gateway.port, send: head + RawHTTP.request("GET", "/health/liveliness"), expectResponses: 99)
            let responses = RawHTTP.split(wire)
            #expect(responses.count == 1, "nothing after the refused request is answered: \(wire)")
            #expect(responses.first?.hasPrefix("HTTP/1.1 413") == true)
            #expect(responses.first?.contains(#""type":"error""#) == true, "Anthropic's envelope")
            #expect(wire.lowercased().contains("connection: close"))
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    @Test func aChunkedBodyIsRefusedAsSoonAsItPassesTheLimit() async throws {
        let config = try TestConfig.load(TestConfig.mockWithOneMegabyteLimit)
        try await withLiveGateway(config) { gateway in
            let connection = try await RawConnection.open(port: gateway.port)
            try await connection.send("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            let piece = String(repeating: "a", count: 600_000)
            for _ in 0..<2 { try await connection.send(String(piece.utf8.count, radix: 16) + "\r\n" + piece + "\r\n") }
            // The body never ends; the refusal does not wait for it.
            #expect(await connection.waitFor(#""code":"request_too_large""#), "\(connection.received.prefix(200))")
            #expect(connection.received.hasPrefix("HTTP/1.1 413 "))
            #expect(await connection.closedByServer(within: 10) != nil)
        }
    }

    @Test func aStreamIsChunkedAndTheNextResponseOnTheConnectionFollowsItsLastChunk() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            let chat = #"{"model":"mock","stream":true,"messages":[{"role":"user","content":"hi"}]}"#
            let wire = try await RawHTTP.exchange(port: gateway.port, send: [
                RawHTTP.request("POST", "/v1/chat/completions", body: chat),
                RawHTTP.request("GET", "/health/liveliness"),
            ].joined(), expectText: #""I'm alive!""#)
            let headEnd = try #require(wire.range(of: "\r\n\r\n"))
            let head = String(wire[..<headEnd.lowerBound])
            #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(RawHTTP.header("transfer-encoding", in: head) == "chunked")
            #expect(RawHTTP.header("content-length", in: head) == nil)
            // Each chunk is its hex size, the bytes and CRLF; a zero-size chunk ends the stream.
            // Parsed as bytes: "\r\n" is a single Character in a Swift string.
            var rest = Array(wire.utf8[headEnd.upperBound...])[...]
            let crlf = Array("\r\n".utf8)
            var events = ""
            while true {
                let sizeEnd = try #require(rest.indices.first { rest[$0...].starts(with: crlf) })
                let size = try #require(Int(String(decoding: rest[..<sizeEnd], as: UTF8.self), radix: 16))
                rest = rest[(sizeEnd + 2)...]
                if size == 0 { break }
                events += String(decoding: rest.prefix(size), as: UTF8.self)
                rest = rest.dropFirst(size)
                #expect(rest.starts(with: crlf))
                rest = rest.dropFirst(2)
            }
            #expect(String(decoding: rest, as: UTF8.self).hasPrefix("\r\nHTTP/1.1 200 OK\r\n"), "the last chunk is followed by the next response")
            #expect(events.hasPrefix("data: {"))
            #expect(events.hasSuffix("data: [DONE]\n\n"))
        }
    }

    @Test func aHeadRequestGetsHeadersWithoutABodyAndTheConnectionStaysUsable() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            let wire = try await RawHTTP.exchange(port: gateway.port, send: [
                RawHTTP.request("HEAD", "/v1/models"),
                RawHTTP.request("GET", "/health/liveliness"),
            ].joined(), expectText: #""I'm alive!""#)
            let headEnd = try #require(wire.range(of: "\r\n\r\n"))
            #expect(wire.hasPrefix("HTTP/1.1 200 OK\r\n"), "HEAD answers as GET would: \(wire)")
            #expect(wire[headEnd.upperBound...].hasPrefix("HTTP/1.1 200 OK\r\n"), "a body followed the HEAD response: \(wire)")
        }
    }

    @Test func headAnswersEveryGetRouteWithItsHeadersAndNoBody() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            for path in ["/health/liveliness", "/ui", "/openapi.json", "/v1/models"] {
                let wire = try await RawHTTP.exchange(
                    port: gateway.port, send: RawHTTP.request("HEAD", path) + RawHTTP.request("GET", "/health/liveliness"), expectText: #""I'm alive!""#
                )
                let headEnd = try #require(wire.range(of: "\r\n\r\n"))
                #expect(wire.hasPrefix("HTTP/1.1 200 OK\r\n"), "HEAD \(path): \(wire.prefix(200))")
                #expect(wire[headEnd.upperBound...].hasPrefix("HTTP/1.1 200 OK\r\n"), "HEAD \(path) had a body: \(wire.prefix(400))")
            }
            let missing = try await RawHTTP.exchange(port: gateway.port, send: RawHTTP.request("HEAD", "/no/such/route"), expectResponses: 1)
            #expect(missing.hasPrefix("HTTP/1.1 404 "))
        }
    }

    @Test func malformedHTTPGetsA400AndTheConnectionCloses() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            let started = ContinuousClock.now
            let wire = try await RawHTTP.exchange(port: gateway.port, send: "GARBAGE\r\n\r\n", expectResponses: 99)
            #expect(wire.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(wire)")
            #expect(wire.contains(#""code":"malformed_request""#))
            #expect(wire.lowercased().contains("connection: close"))
            #expect(ContinuousClock.now - started < .seconds(5), "the server kept the connection open")
        }
    }

    @Test func refusalsCarryARequestIDTheClientsOwnWhenItSentOne() async throws {
        let config = try TestConfig.load(TestConfig.mockWithOneMegabyteLimit)
        try await withLiveGateway(config) { gateway in
            let oversized = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nx-request-id: mine-413\r\nContent-Length: 33000000\r\n\r\n"
            let refused = try await RawHTTP.exchange(port: gateway.port, send: oversized, expectResponses: 99)
            #expect(refused.hasPrefix("HTTP/1.1 413 "))
            #expect(RawHTTP.header("x-request-id", in: refused) == "mine-413")
            let malformed = try await RawHTTP.exchange(port: gateway.port, send: "GARBAGE\r\n\r\n", expectResponses: 99)
            #expect(malformed.hasPrefix("HTTP/1.1 400 "))
            #expect(RawHTTP.header("x-request-id", in: malformed)?.count == 36)
        }
    }

    @Test func requestsPipelinedBeforeAMalformedOneAreAnsweredFirst() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            let chat = #"{"model":"mock","messages":[{"role":"user","content":"hi"}]}"#
            let wire = try await RawHTTP.exchange(port: gateway.port, send: [
                RawHTTP.request("POST", "/v1/chat/completions", body: chat),
                RawHTTP.request("GET", "/health/liveliness"),
                "GARBAGE\r\n\r\n",
            ].joined(), expectResponses: 99)
            let responses = RawHTTP.split(wire)
            #expect(responses.count == 3, "\(wire)")
            #expect(responses.first?.hasPrefix("HTTP/1.1 200 ") == true)
            #expect(responses.dropFirst().first?.hasPrefix("HTTP/1.1 200 ") == true)
            #expect(responses.last?.hasPrefix("HTTP/1.1 400 ") == true)
        }
    }

    @Test(arguments: [
        "GET /health/liveliness HTTP/1.1\r\n\r\n",
        "GET /health/liveliness HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "GET /health/liveliness HTTP/1.1\r\nHost: a b\r\n\r\n",
        "GET /health/liveliness HTTP/1.1\r\nHost: a/b\r\n\r\n",
    ])
    func anHTTP11RequestWithoutExactlyOneValidHostIs400(request: String) async throws {
        try await withLiveGateway(Self.demo) { gateway in
            let wire = try await RawHTTP.exchange(port: gateway.port, send: request, expectResponses: 99)
            #expect(wire.hasPrefix("HTTP/1.1 400 "), "\(wire)")
        }
    }

    @Test func anHTTP10RequestMayNameNoHost() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            let wire = try await RawHTTP.exchange(port: gateway.port, send: "GET /health/liveliness HTTP/1.0\r\n\r\n", expectResponses: 99)
            #expect(wire.hasPrefix("HTTP/1.0 200 "), "\(wire)")
        }
    }

    @Test func aRefusedConnectIsFramedSoTheClientSeesWhereItEnds() async throws {
        try await withLiveGateway(Self.demo) { gateway in
            let wire = try await RawHTTP.exchange(port: gateway.port, send: "CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n", expectResponses: 1)
            let responses = RawHTTP.split(wire)
            #expect(responses.count == 1, "\(wire)")
            #expect(responses.first.flatMap { RawHTTP.header("content-length", in: $0) } != nil)
        }
    }
}

/// HTTP/1.1 over a plain socket, with bodies framed by content-length.
enum RawHTTP {
    static func request(_ method: String, _ path: String, body: String? = nil, extraHeaders: String = "") -> String {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\n\(extraHeaders)"
        if let body {
            text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        } else {
            text += "\r\n"
        }
        return text
    }

    /// Sends `send` in one write and reads until `expectResponses` complete responses arrived,
    /// the server closed, or 10 s passed.
    static func exchange(port: Int, send: String, expectResponses: Int, thenCloseOutput: Bool = false) async throws -> String {
        try await run(port: port, send: send, collector: Collector(expected: expectResponses), thenCloseOutput: thenCloseOutput)
    }

    /// Sends `send` and returns what arrived once it contains `expectText` (or after 10 s).
    static func exchange(port: Int, send: String, expectText: String) async throws -> String {
        try await run(port: port, send: send, collector: Collector(expected: .max, untilText: expectText), thenCloseOutput: false)
    }

    private static func run(port: Int, send: String, collector: Collector, thenCloseOutput: Bool) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collector) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try await channel.writeAndFlush(ByteBuffer(string: send))
        if thenCloseOutput { try await channel.close(mode: .output) }
        let done = channel.eventLoop.scheduleTask(in: .seconds(10)) { channel.close(promise: nil) }
        try? await collector.finished.futureResult.get()
        done.cancel()
        channel.close(promise: nil)
        return try await channel.eventLoop.submit { collector.text }.get()
    }

    /// Splits a stream of responses into whole responses (head and body).
    static func split(_ wire: String) -> [String] {
        var responses: [String] = []
        var rest = Substring(wire)
        while let headEnd = rest.range(of: "\r\n\r\n") {
            let head = String(rest[..<headEnd.lowerBound])
            guard let length = header("content-length", in: head).flatMap(Int.init) else { break }
            let bodyStart = headEnd.upperBound
            guard let bodyEnd = rest.utf8.index(bodyStart, offsetBy: length, limitedBy: rest.utf8.endIndex) else { break }
            responses.append(String(rest[rest.startIndex..<bodyEnd]))
            rest = rest[bodyEnd...]
        }
        return responses
    }

    static func header(_ name: String, in text: String) -> String? {
        for line in text.components(separatedBy: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    final class Collector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        var text = ""
        let expected: Int
        let untilText: String?
        var finished: EventLoopPromise<Void>!

        init(expected: Int, untilText: String? = nil) {
            self.expected = expected
            self.untilText = untilText
        }

        func handlerAdded(context: ChannelHandlerContext) {
            finished = context.eventLoop.makePromise()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            text += String(buffer: unwrapInboundIn(data))
            if RawHTTP.split(text).count >= expected { finished.succeed() }
            if let untilText, text.contains(untilText) { finished.succeed() }
        }

        func channelInactive(context: ChannelHandlerContext) {
            finished.succeed()
        }
    }
}
