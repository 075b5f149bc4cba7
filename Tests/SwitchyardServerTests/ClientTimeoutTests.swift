import Foundation
import SwitchyardCore
import Testing

/// nginx's client timeouts and the connection cap, over real sockets (CONTRACT §11): a client
/// that stops sending is answered 408 and closed, an idle one is closed, a slow but steady one
/// is served, and connections past `max_connections` are closed at once.
@Suite struct ClientTimeoutTests {
    static let shortTimeouts = """
        model_list:
          - model_name: mock
            litellm_params: {model: mock/m}
        general_settings:
          client_header_timeout: 3
          client_body_timeout: 3
          keepalive_timeout: 3
        """

    static let threeConnections = """
        model_list:
          - model_name: mock
            litellm_params: {model: mock/m}
        general_settings:
          max_connections: 3
        """

    static let chat = #"{"model":"mock","messages":[{"role":"user","content":"hi"}]}"#

    @Test func aConnectionThatSendsNothingIsClosedWithoutAnAnswer() async throws {
        try await withLiveGateway(try TestConfig.load(Self.shortTimeouts)) { gateway in
            let opened = ContinuousClock.now
            let connection = try await RawConnection.open(port: gateway.port)
            #expect(await connection.closedByServer(within: 10) != nil)
            // Timed from the accept, which follows the client's connect.
            #expect(ContinuousClock.now - opened >= .seconds(3))
            #expect(connection.received.isEmpty)
        }
    }

    @Test func aHalfSentHeadIsAnswered408AndClosed() async throws {
        try await withLiveGateway(try TestConfig.load(Self.shortTimeouts)) { gateway in
            let connection = try await RawConnection.open(port: gateway.port)
            try await connection.send("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: appl")
            #expect(await connection.closedByServer(within: 10) != nil)
            #expect(connection.received.hasPrefix("HTTP/1.1 408 "), "\(connection.received)")
            #expect(connection.received.contains(#""code":"request_timeout""#))
            #expect(connection.received.lowercased().contains("connection: close"))
        }
    }

    @Test func aBodyThatStopsArrivingIsAnswered408InTheSurfacesEnvelope() async throws {
        try await withLiveGateway(try TestConfig.load(Self.shortTimeouts)) { gateway in
            let connection = try await RawConnection.open(port: gateway.port)
            try await connection.send(
                "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"model\":"
            )
            #expect(await connection.closedByServer(within: 10) != nil)
            #expect(connection.received.hasPrefix("HTTP/1.1 408 "), "\(connection.received)")
            #expect(connection.received.contains(#""type":"error""#), "Anthropic's envelope: \(connection.received)")
        }
    }

    @Test func anIdleKeepAliveConnectionIsClosedAfterItsAnswer() async throws {
        try await withLiveGateway(try TestConfig.load(Self.shortTimeouts)) { gateway in
            let connection = try await RawConnection.open(port: gateway.port)
            try await connection.send(RawHTTP.request("GET", "/health/liveliness"))
            #expect(await connection.waitFor("I'm alive"))
            #expect(await connection.closedByServer(within: 10) != nil)
            #expect(RawHTTP.split(connection.received).count == 1)
            #expect(!connection.received.contains(" 408 "))
        }
    }

    @Test func aSlowButSteadyBodyIsServed() async throws {
        try await withLiveGateway(try TestConfig.load(Self.shortTimeouts)) { gateway in
            // A loaded machine can stretch this side's pauses: the gaps actually left between
            // sends are measured, and a close is a failure only if none reached the timeout.
            var last = ContinuousClock.now
            var longestGap = Duration.zero
            func sent() {
                longestGap = max(longestGap, ContinuousClock.now - last)
                last = ContinuousClock.now
            }
            let connection = try await RawConnection.open(port: gateway.port)
            let body = Array(Self.chat.utf8)
            // Eight pieces half a second apart: the body takes longer than the body timeout, but
            // no gap between its pieces does.
            let size = body.count / 8 + 1
            let pieces = stride(from: 0, to: body.count, by: size).map { body[$0..<min($0 + size, body.count)] }
            do {
                try await connection.send(
                    "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
                )
                sent()
                for piece in pieces {
                    try await Task.sleep(for: .milliseconds(500))
                    try await connection.send(String(decoding: piece, as: UTF8.self))
                    sent()
                }
            } catch {
                sent()  // the gap up to the failed send
                #expect(longestGap >= .milliseconds(2900), "closed although the longest gap was \(longestGap)")
                return
            }
            guard longestGap < .milliseconds(2900) else { return }
            #expect(await connection.waitFor(#""object":"chat.completion""#), "\(connection.received)")
            #expect(connection.received.hasPrefix("HTTP/1.1 200 "))
            connection.close()
        }
    }

    @Test func connectionsPastTheCapAreClosedAtOnceWhileOpenOnesAreServed() async throws {
        try await withLiveGateway(try TestConfig.load(Self.threeConnections)) { gateway in
            var open: [RawConnection] = []
            for _ in 0..<3 {
                let connection = try await RawConnection.open(port: gateway.port)
                try await connection.send(RawHTTP.request("GET", "/health/liveliness"))
                #expect(await connection.waitFor("I'm alive"))
                open.append(connection)
            }
            let refused = try await RawConnection.open(port: gateway.port)
            let waited = await refused.closedByServer(within: 2)
            #expect(waited != nil, "the fourth connection was not closed")
            #expect(refused.received.isEmpty)
            // The connections already open keep being answered.
            try await open[0].send(RawHTTP.request("POST", "/v1/chat/completions", body: Self.chat))
            #expect(await open[0].waitFor(#""object":"chat.completion""#))
            // A slot freed by a close is taken by the next connection.
            open[2].close()
            #expect(await open[2].closedByServer(within: 2) != nil)
            var served = false
            for _ in 0..<50 where !served {
                let next = try await RawConnection.open(port: gateway.port)
                try? await next.send(RawHTTP.request("GET", "/health/liveliness"))
                served = await next.waitFor("I'm alive", within: 0.2)
                next.close()
            }
            #expect(served)
            open.forEach { $0.close() }
        }
    }
}

/// A body timeout shorter than the header timeout is kept too.
@Suite struct ShortBodyTimeoutTests {
    @Test func aBodyTimeoutShorterThanTheHeaderTimeoutIsKept() async throws {
        let config = try TestConfig.load("""
            model_list:
              - model_name: mock
                litellm_params: {model: mock/m}
            general_settings:
              client_header_timeout: 30
              client_body_timeout: 2
            """)
        try await withLiveGateway(config) { gateway in
            let connection = try await RawConnection.open(port: gateway.port)
            let started = ContinuousClock.now
            try await connection.send(
                "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"
            )
            #expect(await connection.closedByServer(within: 15) != nil)
            #expect(connection.received.hasPrefix("HTTP/1.1 408 "), "\(connection.received)")
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }
}

/// `send_timeout` (nginx's name): a client that stops reading its answer does not hold it, or
/// its upstream, for longer.
@Suite struct SendTimeoutTests {
    @Test func aClientThatStopsReadingIsCutOffAfterTheSendTimeout() async throws {
        let answer = LargeAnswerTests.embeddings(megabytes: 12)
        let upstream = try await FakeOpenAIUpstream.start(.raw(status: 200, contentType: "application/json", body: answer))
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load("""
            model_list:
              - model_name: embed
                litellm_params: {model: openai/text-embedding-3-small, api_base: "\(upstream.baseURL)", api_key: k}
            general_settings:
              send_timeout: 1
            """)
        let logs = LogCapture()
        try await withLiveGateway(config, logger: logs.logger(level: .debug)) { gateway in
            let connection = try await RawConnection.open(port: gateway.port, reading: false)
            try await connection.send(RawHTTP.request("POST", "/v1/embeddings", body: #"{"model":"embed","input":"hi"}"#))
            // Read again only once the gateway has given up on this client: how long it takes
            // to fetch and write 12 MB depends on the machine, not on the timeout.
            #expect(await logs.waitFor("client stopped reading its answer", within: 60), "the gateway never noticed that the client stopped reading")
            try await connection.startReading()
            #expect(await connection.closedByServer(within: 10) != nil)
            #expect(connection.received.hasPrefix("HTTP/1.1 200 "))
            #expect(connection.received.utf8.count < answer.utf8.count, "the whole answer was delivered")
        }
    }
}
