import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import SwitchyardCore
import SwitchyardServer
import Testing

/// File uploads on a real socket: the body streams through the gateway's connection layer
/// under `max_file_size_mb` instead of `max_request_size_mb`, `Expect: 100-continue` is
/// answered only once the route wants the body, and an answer that comes before the body is
/// all sent closes the connection without reading the rest as a request.
@Suite struct FileUploadConnectionTests {
    static func config() throws -> GatewayConfig {
        try FilesRoutesTests.config("  max_request_size_mb: 1\n  max_file_size_mb: 8")
    }

    static let master = "sk-master-123"

    static func key(_ gateway: RunningServer, _ fields: String = "{}") async throws -> String {
        var request = HTTPClientRequest(url: "\(gateway.baseURL)/key/generate")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(master)")
        request.body = .bytes(ByteBuffer(string: fields))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return body.json["key"] as? String ?? ""
    }

    /// An upload head (and, unless `body` is nil, its body) as raw text.
    static func upload(_ content: String, key: String, declaring length: Int? = nil, expectContinue: Bool = false, body: Bool = true) -> String {
        let form = String(buffer: FilesClient.form(file: Array(content.utf8), fields: [("purpose", "user_data")]))
        var head = "POST /v1/files HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(key)\r\nContent-Type: \(FilesClient.formType)\r\n"
        head += "Content-Length: \(length ?? form.utf8.count)\r\n"
        if expectContinue { head += "Expect: 100-continue\r\n" }
        return head + "\r\n" + (body ? form : "")
    }

    @Test func aFileLargerThanTheRequestLimitStreamsUpAndDown() async throws {
        try await withLiveGateway(try Self.config()) { gateway in
            let key = try await Self.key(gateway)
            let content = FilesClient.random(5 * 1024 * 1024 + 3)
            var form = FilesClient.form(file: content, fields: [("purpose", "batch")])
            var request = HTTPClientRequest(url: "\(gateway.baseURL)/v1/files")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
            request.headers.add(name: "Content-Type", value: FilesClient.formType)
            // Sent in 64 KiB pieces with no declared length (chunked), as a streaming client does.
            var pieces: [ByteBuffer] = []
            while let piece = form.readSlice(length: min(65_536, form.readableBytes)), piece.readableBytes > 0 { pieces.append(piece) }
            request.body = .stream(pieces.async, length: .unknown)
            let created = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
            let answer = try await created.body.collect(upTo: 1 << 20)
            #expect(created.status == .ok, "\(String(buffer: answer))")
            #expect(created.headers.first(name: "x-storage-used-bytes") == String(content.count))
            let id = answer.json["id"] as? String ?? ""

            var download = HTTPClientRequest(url: "\(gateway.baseURL)/v1/files/\(id)/content")
            download.headers.add(name: "Authorization", value: "Bearer \(key)")
            let response = try await HTTPClient.shared.execute(download, timeout: .seconds(60))
            #expect(response.headers.first(name: "content-length") == String(content.count))
            #expect(response.headers.first(name: "transfer-encoding") == nil)
            let bytes = try await response.body.collect(upTo: 16 << 20)
            #expect(Array(bytes.readableBytesView) == content)

            // Other routes keep `max_request_size_mb`.
            let chat = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n"
            #expect(try await RawHTTP.exchange(port: gateway.port, send: chat, expectResponses: 1).hasPrefix("HTTP/1.1 413 "))
        }
    }

    @Test func expectContinueIsSentOnlyWhenTheRouteWantsTheBody() async throws {
        try await withLiveGateway(try Self.config()) { gateway in
            let small = try await Self.key(gateway)
            let limited = try await Self.key(gateway, #"{"max_storage_bytes": 1000}"#)
            // Over the key's storage limit by its declared length: 413, no 100, the connection closes.
            let refused = try await RawHTTP.exchange(
                port: gateway.port, send: Self.upload("x", key: limited, declaring: 5_000_000, expectContinue: true, body: false), expectResponses: 99
            )
            #expect(refused.hasPrefix("HTTP/1.1 413 "), "\(refused)")
            #expect(!refused.contains("100 Continue"))
            #expect(refused.contains("storage_limit_exceeded") && refused.lowercased().contains("x-storage-limit-bytes: 1000"))
            #expect(refused.lowercased().contains("connection: close"))
            // Within its limits: 100 Continue, then the body, then the file.
            let interim = try await RawHTTP.exchange(
                port: gateway.port, send: Self.upload("hello", key: small, expectContinue: true, body: false), expectText: "\r\n\r\n"
            )
            #expect(interim.hasPrefix("HTTP/1.1 100 Continue\r\n"), "\(interim)")
            // Over the largest file by its declared length: refused by the connection itself.
            let huge = try await RawHTTP.exchange(
                port: gateway.port, send: Self.upload("x", key: small, declaring: 9 * 1024 * 1024, expectContinue: true, body: false), expectResponses: 99
            )
            #expect(huge.hasPrefix("HTTP/1.1 413 ") && !huge.contains("100 Continue"), "\(huge)")
        }
    }

    @Test func anUploadAndTheRequestsPipelinedAfterItAreAllAnswered() async throws {
        try await withLiveGateway(try Self.config()) { gateway in
            let key = try await Self.key(gateway)
            let list = "GET /v1/files HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(key)\r\n\r\n"
            let wire = try await RawHTTP.exchange(
                port: gateway.port, send: list + Self.upload("first", key: key) + Self.upload("second", key: key) + list, expectResponses: 4
            )
            let responses = RawHTTP.split(wire)
            #expect(responses.count == 4, "\(wire)")
            #expect(responses.allSatisfy { $0.hasPrefix("HTTP/1.1 200 ") })
            #expect(responses.last?.contains(#""bytes":6"#) == true && responses.last?.contains(#""bytes":5"#) == true)
        }
    }

    @Test func anUploadWhoseBodyArrivesAfterTheAnswerBeforeItIsServedInItsTurn() async throws {
        try await withLiveGateway(try Self.config()) { gateway in
            let key = try await Self.key(gateway)
            let connection = try await RawConnection.open(port: gateway.port)
            defer { connection.close() }
            // A whole upload and the next one's head; the next body only once the first answer
            // is out: that answer must not be taken for one given before its own body ended.
            let second = Self.upload("second", key: key)
            guard let split = second.range(of: "\r\n\r\n")?.upperBound else { return }
            try await connection.send(Self.upload("first", key: key) + second[..<split])
            #expect(await connection.waitFor(#""bytes":5"#, within: 20))
            try await Task.sleep(for: .milliseconds(50))
            try await connection.send(String(second[split...]))
            #expect(await connection.waitFor(#""bytes":6"#, within: 20), "\(connection.received.suffix(400))")
            #expect(!connection.received.lowercased().contains("connection: close"))
        }
    }

    @Test func aClientThatLeavesMidUploadLeavesNothingBehind() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-leave-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withLiveGateway(try FilesRoutesTests.config("  max_file_size_mb: 8\n  files_directory: \(directory)")) { gateway in
            let key = try await Self.key(gateway, #"{"max_storage_bytes": 2500000}"#)
            let connection = try await RawConnection.open(port: gateway.port)
            let full = Self.upload(String(repeating: "q", count: 2_000_000), key: key)
            try await connection.send(String(full.prefix(600_000)))
            // The upload has begun: its row exists (invisible) while its bytes arrive.
            let deadline = ContinuousClock.now + .seconds(5)
            while (try? FileManager.default.contentsOfDirectory(atPath: directory)) == nil, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            connection.close()
            let listed = try await RawHTTP.exchange(
                port: gateway.port, send: "GET /v1/files HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(key)\r\n\r\n", expectResponses: 1
            )
            #expect(listed.contains(#""data":[]"#) && listed.lowercased().contains("x-storage-used-bytes: 0"), "\(listed)")
            // Nothing of it was kept (a blob is only linked into the directory once complete).
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).isEmpty)
            // And what it had reserved of the key's limit is free again, once the gateway has
            // seen the connection go (a moment after the client closed it): until then the
            // same upload is refused with the 413 that names what is held.
            let retryUntil = ContinuousClock.now + .seconds(10)
            var next = ""
            repeat {
                next = try await RawHTTP.exchange(port: gateway.port, send: Self.upload(String(repeating: "r", count: 2_200_000), key: key), expectResponses: 1)
                if !next.hasPrefix("HTTP/1.1 413 ") { break }
                #expect(next.contains("storage_limit_exceeded"), "\(next.prefix(600))")
                try await Task.sleep(for: .milliseconds(20))
            } while ContinuousClock.now < retryUntil
            #expect(next.hasPrefix("HTTP/1.1 200 "), "\(next.prefix(400))")
        }
    }

    @Test func anAnswerBeforeTheBodyEndsClosesTheConnectionAfterIt() async throws {
        try await withLiveGateway(try Self.config()) { gateway in
            let limited = try await Self.key(gateway, #"{"max_storage_bytes": 1000}"#)
            // More than the connection buffers for the route before it pauses reading.
            let content = String(repeating: "z", count: 3_000_000)
            let health = "GET /health/liveliness HTTP/1.1\r\nHost: localhost\r\n\r\n"
            // The 413 goes out before the body is read; the body, and what follows it, are not
            // taken as requests: one answer, then the close.
            let wire = try await RawHTTP.exchange(port: gateway.port, send: Self.upload(content, key: limited) + health, expectResponses: 99)
            let responses = RawHTTP.split(wire)
            #expect(responses.count == 1, "\(wire.prefix(600))")
            #expect(wire.hasPrefix("HTTP/1.1 413 "))
            #expect(wire.lowercased().contains("connection: close"))
        }
    }
}
