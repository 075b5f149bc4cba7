import TestCertificates
import NIOCore
import NIOSSL
import Testing

@testable import LeanHTTP

/// The pool against ``TestHTTPServer`` over TLS, with certificates from a CA made at test time.
@Suite(.timeLimit(.minutes(1)))
struct TLSConnectionTests {
    @Test func verifiesAgainstACABundleAndKeepsTheConnection() async throws {
        let certificates = try await TestCertificates.shared()
        let trust = TLSTrust.caBundle(path: certificates.caPath)
        try await withFixture(tls: try TestCertificates.serverContext(certificates.server)) { server, pool in
            for _ in 0..<20 {
                let response = try await pool.execute(LeanRequest(url: server.baseURL + "/hello", tls: trust), deadline: soon())
                #expect(String(buffer: try await response.body.collect(upTo: 100)) == "hello")
            }
            #expect(server.accepted == 1)
            #expect(pool.idleConnectionCount(host: "127.0.0.1", port: server.port, tls: trust) == 1)
        }
    }

    @Test func verifiesTheHostNameSentBySNI() async throws {
        let certificates = try await TestCertificates.shared()
        try await withFixture(tls: try TestCertificates.serverContext(certificates.server)) { server, pool in
            let request = LeanRequest(url: "https://localhost:\(server.port)/hello", tls: .caBundle(path: certificates.caPath))
            let response = try await pool.execute(request, deadline: soon())
            #expect(String(buffer: try await response.body.collect(upTo: 100)) == "hello")
        }
    }

    @Test func refusesACertificateForAnotherName() async throws {
        let certificates = try await TestCertificates.shared()
        try await withFixture(tls: try TestCertificates.serverContext(certificates.wrongName)) { server, pool in
            let request = LeanRequest(url: "https://localhost:\(server.port)/hello", tls: .caBundle(path: certificates.caPath))
            let error = await capturedError { _ = try await pool.execute(request, deadline: soon()) }
            guard case .tlsFailed? = error as? LeanHTTPError else {
                Issue.record("expected tlsFailed, got \(String(describing: error))")
                return
            }
            #expect(server.requests == 0)
            #expect(pool.openConnectionCount(host: "localhost", port: server.port, tls: .caBundle(path: certificates.caPath)) == 0)
        }
    }

    @Test(arguments: [TLSTrust.systemTrustStore, .caBundle(path: "test CA")])
    func refusesASelfSignedServerUnlessVerificationIsOff(trust: TLSTrust) async throws {
        let certificates = try await TestCertificates.shared()
        let trust = trust == .systemTrustStore ? trust : .caBundle(path: certificates.caPath)
        try await withFixture(tls: try TestCertificates.serverContext(certificates.selfSigned)) { server, pool in
            let refused = await capturedError {
                _ = try await pool.execute(LeanRequest(url: server.baseURL + "/hello", tls: trust), deadline: soon())
            }
            guard case .tlsFailed? = refused as? LeanHTTPError else {
                Issue.record("expected tlsFailed, got \(String(describing: refused))")
                return
            }
            let response = try await pool.execute(LeanRequest(url: server.baseURL + "/hello", tls: .noVerification), deadline: soon())
            #expect(String(buffer: try await response.body.collect(upTo: 100)) == "hello")
        }
    }

    @Test func unreadableCABundleIsAConfigurationError() async throws {
        try await withFixture { server, pool in
            let request = LeanRequest(url: "https://127.0.0.1:\(server.port)/hello", tls: .caBundle(path: "/nonexistent/ca.pem"))
            let error = await capturedError { _ = try await pool.execute(request, deadline: soon()) }
            guard case .tlsConfigurationInvalid? = error as? LeanHTTPError else {
                Issue.record("expected tlsConfigurationInvalid, got \(String(describing: error))")
                return
            }
            #expect(server.accepted == 0)
        }
    }

    @Test func offersOnlyHTTP1ByALPN() async throws {
        let certificates = try await TestCertificates.shared()
        // A server preferring h2 must still pick http/1.1, the only protocol the client offers.
        let context = try TestCertificates.serverContext(certificates.server, protocols: ["h2", "http/1.1"])
        try await withFixture(tls: context) { server, pool in
            let request = LeanRequest(method: "POST", url: server.baseURL + "/echo", body: ByteBuffer(string: "over tls"), tls: .caBundle(path: certificates.caPath))
            let response = try await pool.execute(request, deadline: soon())
            #expect(String(buffer: try await response.body.collect(upTo: 100)) == "over tls")
        }
    }

    @Test func reusedTLSConnectionClosedBeforeAnswerIsRetriedOnce() async throws {
        let certificates = try await TestCertificates.shared()
        let trust = TLSTrust.caBundle(path: certificates.caPath)
        try await withFixture(tls: try TestCertificates.serverContext(certificates.server)) { server, pool in
            let url = server.baseURL + "/drop-second"
            let first = try await pool.execute(LeanRequest(method: "POST", url: url, tls: trust), deadline: soon())
            #expect(String(buffer: try await first.body.collect(upTo: 100)) == "first")
            let second = try await pool.execute(LeanRequest(method: "POST", url: url, tls: trust), deadline: soon())
            #expect(String(buffer: try await second.body.collect(upTo: 100)) == "first")
            #expect(server.accepted == 2)
        }
    }

    @Test func streamsOverTLS() async throws {
        let certificates = try await TestCertificates.shared()
        try await withFixture(tls: try TestCertificates.serverContext(certificates.server)) { server, pool in
            let request = LeanRequest(url: server.baseURL + "/stream?n=3", tls: .caBundle(path: certificates.caPath))
            let response = try await pool.execute(request, deadline: soon())
            var iterator = response.body.makeAsyncIterator()
            for index in 0..<3 {
                server.gate.open(index)
                let chunk = try await iterator.next()
                #expect(chunk.map { String(buffer: $0) } == "data: \(index)\n\n")
            }
            #expect(try await iterator.next() == nil)
        }
    }

    @Test func trustsArePooledApart() async throws {
        let certificates = try await TestCertificates.shared()
        try await withFixture(tls: try TestCertificates.serverContext(certificates.server)) { server, pool in
            for trust in [TLSTrust.caBundle(path: certificates.caPath), .noVerification] {
                let response = try await pool.execute(LeanRequest(url: server.baseURL + "/hello", tls: trust), deadline: soon())
                _ = try await response.body.collect(upTo: 100)
            }
            #expect(server.accepted == 2)
        }
    }
}
