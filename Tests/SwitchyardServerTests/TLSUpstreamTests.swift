import TestCertificates
import Foundation
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// Deployments on `https://` upstreams, through the lean pool, verified per `ssl_verify`.
@Suite(.timeLimit(.minutes(1)))
struct TLSUpstreamTests {
    static let chat = #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#

    private func config(_ upstream: FakeOpenAIUpstream, sslVerify: String?, environment: [String: String] = [:]) throws -> GatewayConfig {
        let verify = sslVerify.map { ", ssl_verify: \($0)" } ?? ""
        return try TestConfig.load("""
            model_list:
              - model_name: m
                litellm_params: {model: openai/gpt-4o, api_base: "\(upstream.baseURL)", api_key: sk-up\(verify)}
            """, environment: environment)
    }

    @Test func verifiesAgainstTheDeploymentsCABundle() async throws {
        let certificates = try await TestCertificates.shared()
        let upstream = try await FakeOpenAIUpstream.start(tls: try TestCertificates.serverConfiguration(certificates.server))
        defer { Task { await upstream.stop() } }
        #expect(upstream.baseURL.hasPrefix("https://"))
        let config = try config(upstream, sslVerify: "\"\(certificates.caPath)\"")
        try await withGateway(config) { client in
            for _ in 0..<3 {
                let response = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: Self.chat))
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("chat.completion"))
            }
        }
        #expect(upstream.requests.count == 3)
        #expect(upstream.requests.first?.headers["authorization"] == "Bearer sk-up")
    }

    @Test func sslCertFileIsTheDefaultCABundle() async throws {
        let certificates = try await TestCertificates.shared()
        let upstream = try await FakeOpenAIUpstream.start(tls: try TestCertificates.serverConfiguration(certificates.server))
        defer { Task { await upstream.stop() } }
        let config = try config(upstream, sslVerify: nil, environment: ["SSL_CERT_FILE": certificates.caPath])
        try await withGateway(config) { client in
            let response = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: Self.chat))
            #expect(response.status == .ok)
        }
    }

    @Test func refusesAnUpstreamTheSystemDoesNotTrust() async throws {
        let certificates = try await TestCertificates.shared()
        let upstream = try await FakeOpenAIUpstream.start(tls: try TestCertificates.serverConfiguration(certificates.selfSigned))
        defer { Task { await upstream.stop() } }
        try await withGateway(try config(upstream, sslVerify: nil)) { client in
            let response = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: Self.chat))
            #expect(response.status.code >= 500)
            #expect(String(buffer: response.body).contains("TLS"))
        }
        #expect(upstream.requests.isEmpty)
    }

    @Test func sslVerifyFalseAcceptsASelfSignedUpstream() async throws {
        let certificates = try await TestCertificates.shared()
        let upstream = try await FakeOpenAIUpstream.start(tls: try TestCertificates.serverConfiguration(certificates.selfSigned))
        defer { Task { await upstream.stop() } }
        try await withGateway(try config(upstream, sslVerify: "false")) { client in
            let response = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: Self.chat))
            #expect(response.status == .ok)
        }
        #expect(upstream.requests.count == 1)
    }

    @Test func streamsOverTLS() async throws {
        let certificates = try await TestCertificates.shared()
        let upstream = try await FakeOpenAIUpstream.start(
            .openAI(words: ["one", " two", " three"]), tls: try TestCertificates.serverConfiguration(certificates.server)
        )
        defer { Task { await upstream.stop() } }
        let body = #"{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}"#
        try await withGateway(try config(upstream, sslVerify: "\"\(certificates.caPath)\"")) { client in
            let response = try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: body))
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            #expect(text.contains("three"))
            #expect(text.hasSuffix("data: [DONE]\n\n"))
        }
    }
}
