import NIOCore
import Testing

@testable import LeanHTTP

/// URL parsing and request serialization, checked byte for byte.
struct PreparedRequestTests {
    @Test func parsesHostPortAndPath() throws {
        let plain = try RequestTarget(parsing: "http://example.com")
        #expect(plain.host == "example.com")
        #expect(plain.port == 80)
        #expect(plain.authority == "example.com")
        #expect(plain.pathAndQuery == "")

        let full = try RequestTarget(parsing: "HTTP://api.example.com:8080/v1/chat/completions?stream=true#frag")
        #expect(full.host == "api.example.com")
        #expect(full.port == 8080)
        #expect(full.authority == "api.example.com:8080")
        #expect(full.pathAndQuery == "/v1/chat/completions?stream=true")

        let ipv6 = try RequestTarget(parsing: "http://[::1]:9000/x")
        #expect(ipv6.host == "::1")
        #expect(ipv6.port == 9000)
        #expect(ipv6.authority == "[::1]:9000")

        let bareIPv6 = try RequestTarget(parsing: "http://[::1]")
        #expect(bareIPv6.host == "::1")
        #expect(bareIPv6.port == 80)

        let emptyPort = try RequestTarget(parsing: "http://h:/p")
        #expect(emptyPort.host == "h")
        #expect(emptyPort.port == 80)
        #expect(emptyPort.pathAndQuery == "/p")

        let queryOnly = try RequestTarget(parsing: "http://h?q=1")
        #expect(queryOnly.host == "h")
        #expect(queryOnly.pathAndQuery == "?q=1")
    }

    @Test func parsesHTTPSWithItsDefaultPort() throws {
        let target = try RequestTarget(parsing: "HTTPS://api.example.com/v1/chat")
        #expect(target.isTLS)
        #expect(target.host == "api.example.com")
        #expect(target.port == 443)
        #expect(target.pathAndQuery == "/v1/chat")

        let explicit = try RequestTarget(parsing: "https://[::1]:8443/")
        #expect(explicit.isTLS)
        #expect(explicit.host == "::1")
        #expect(explicit.port == 8443)

        let plain = try RequestTarget(parsing: "http://h/")
        #expect(!plain.isTLS)
    }

    @Test func httpsRequestsArePooledByTrust() throws {
        let verified = try PreparedRequest(LeanRequest(url: "https://h/"))
        let custom = try PreparedRequest(LeanRequest(url: "https://h/", tls: .caBundle(path: "/ca.pem")))
        let plain = try PreparedRequest(LeanRequest(url: "http://h:443/", tls: .noVerification))
        #expect(verified.key == PoolKey(host: "h", port: 443, tls: .systemTrustStore))
        #expect(custom.key == PoolKey(host: "h", port: 443, tls: .caBundle(path: "/ca.pem")))
        #expect(plain.key == PoolKey(host: "h", port: 443, tls: nil))
    }

    @Test(arguments: [
        "httpx://example.com/",
        "ftp://example.com/",
    ])
    func refusesOtherSchemes(url: String) {
        #expect(throws: LeanHTTPError.self) { try RequestTarget(parsing: url) }
        do {
            _ = try RequestTarget(parsing: url)
        } catch {
            guard case .unsupportedScheme = error else {
                Issue.record("expected unsupportedScheme, got \(error)")
                return
            }
        }
    }

    @Test(arguments: [
        "example.com/x", "http:/x", "http://", "http://user@h/", "http://h:0/", "http://h:70000/",
        "http://h:8a/", "http://h/a b", "ht tp://h/", "http://[::1]x/", "http://h:123456/", "http://h/a\r\nb", "http://[::1/", "http://[zz]/", "http://h h/",
    ])
    func refusesMalformedURLs(url: String) {
        do {
            _ = try RequestTarget(parsing: url)
            Issue.record("\(url) was accepted")
        } catch {
            guard case .invalidURL = error else {
                Issue.record("expected invalidURL for \(url), got \(error)")
                return
            }
        }
    }

    @Test func serializesHeadAndBodyWithOnlyHostAndLengthAdded() throws {
        let request = LeanRequest(
            method: "POST",
            url: "http://h:8080/p?q",
            headers: [("A", "1"), ("content-length", "99"), ("Transfer-Encoding", "chunked")],
            body: ByteBuffer(string: "xy")
        )
        let prepared = try PreparedRequest(request)
        #expect(String(buffer: prepared.bytes) == "POST /p?q HTTP/1.1\r\nHost: h:8080\r\nA: 1\r\nContent-Length: 2\r\n\r\nxy")
        #expect(prepared.separateBody == nil)
        #expect(prepared.key == PoolKey(host: "h", port: 8080))
        #expect(!prepared.closeRequested)
    }

    @Test func keepsCallerHostAndSendsNoLengthForBodylessGet() throws {
        let request = LeanRequest(url: "http://h", headers: [("host", "other"), ("Connection", "keep-alive, Close")])
        let prepared = try PreparedRequest(request)
        #expect(String(buffer: prepared.bytes) == "GET / HTTP/1.1\r\nhost: other\r\nConnection: keep-alive, Close\r\n\r\n")
        #expect(prepared.closeRequested)
    }

    @Test func sendsLargeBodiesAsASeparateBuffer() throws {
        let body = ByteBuffer(repeating: 0x61, count: PreparedRequest.inlineBodyLimit + 1)
        let prepared = try PreparedRequest(LeanRequest(method: "POST", url: "http://h/", body: body))
        #expect(prepared.separateBody?.readableBytes == body.readableBytes)
        #expect(String(buffer: prepared.bytes).hasSuffix("Content-Length: \(body.readableBytes)\r\n\r\n"))
    }

    @Test(arguments: [
        [("X-Bad", "a\r\nInjected: 1")], [("Bad Name", "v")], [("", "v")], [("X", "nul\u{0}")],
    ])
    func refusesHeadersThatBreakFraming(headers: [(String, String)]) {
        let request = LeanRequest(url: "http://h/", headers: headers.map { (name: $0.0, value: $0.1) })
        do {
            _ = try PreparedRequest(request)
            Issue.record("\(headers) was accepted")
        } catch {
            guard case .invalidHeader = error else {
                Issue.record("expected invalidHeader, got \(error)")
                return
            }
        }
    }

    @Test func refusesInvalidMethod() {
        #expect(throws: LeanHTTPError.self) { try PreparedRequest(LeanRequest(method: "GET /x", url: "http://h/")) }
    }
}
