import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// Bedrock takes images only as bytes, so the gateway fetches image links for it: from public
/// addresses only, unless the operator allows internal ones.
@Suite struct ImageFetchTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4]

    /// A local server with an image, a page that is not one, and a redirect.
    static func imageServer() async throws -> RunningServer {
        try await RunningServer.start { onRunning in
            let router = Router()
            router.get("cat.png") { _, _ in
                Response(status: .ok, headers: [.contentType: "image/png"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: png)))
            }
            router.get("page") { _, _ in "<html></html>" }
            router.get("moved") { _, _ in Response(status: .found, headers: [.location: "http://169.254.169.254/latest"]) }
            return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), onServerRunning: onRunning)
        }
    }

    static func config(_ bedrock: FakeBedrockUpstream, allowInternal: Bool) throws -> GatewayConfig {
        try TestConfig.load("""
            model_list:
              - model_name: claude-bedrock
                litellm_params:
                  model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
                  api_base: \(bedrock.baseURL)
                  aws_access_key_id: AKIDEXAMPLE
                  aws_secret_access_key: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
                  aws_region_name: us-east-1
            general_settings:
              allow_internal_image_urls: \(allowInternal)
            """)
    }

    static func body(_ url: String) -> ByteBuffer {
        ByteBuffer(string: #"{"model":"claude-bedrock","messages":[{"role":"user","content":[{"type":"text","text":"what is it"},{"type":"image_url","image_url":{"url":"\#(url)"}}]}]}"#)
    }

    @Test func linksToInternalAddressesAreRefusedByDefault() async throws {
        let images = try await Self.imageServer()
        let bedrock = try await FakeBedrockUpstream.start()
        defer { Task { await images.stop(); await bedrock.stop() } }
        try await withGateway(try Self.config(bedrock, allowInternal: false)) { client in
            for url in ["\(images.baseURL)/cat.png", "http://169.254.169.254/latest/meta-data", "http://[::1]:\(images.port)/cat.png", "http://localhost:\(images.port)/cat.png"] {
                let response = try await client.execute(uri: "/v1/chat/completions", method: .post, body: Self.body(url))
                #expect(response.status == .badRequest, "\(url)")
                #expect((response.body.json["error"] as? [String: Any])?["code"] as? String == "image_url_forbidden", "\(url)")
            }
        }
        #expect(bedrock.received.isEmpty, "nothing reached the provider")
    }

    @Test func allowedLinksAreFetchedAndSentAsBytes() async throws {
        let images = try await Self.imageServer()
        let bedrock = try await FakeBedrockUpstream.start()
        defer { Task { await images.stop(); await bedrock.stop() } }
        try await withGateway(try Self.config(bedrock, allowInternal: true)) { client in
            let response = try await client.execute(uri: "/v1/chat/completions", method: .post, body: Self.body("\(images.baseURL)/cat.png"))
            #expect(response.status == .ok)
            for (path, words) in [("/page", "not an image"), ("/moved", "answered 302")] {
                let refused = try await client.execute(uri: "/v1/chat/completions", method: .post, body: Self.body("\(images.baseURL)\(path)"))
                #expect(refused.status == .badRequest)
                #expect(String(buffer: refused.body).contains(words), "\(path)")
            }
        }
        let received = try #require(bedrock.received.first)
        let sent = try #require(try JSONSerialization.jsonObject(with: received.body) as? [String: Any])
        let content = ((sent["messages"] as? [[String: Any]])?.first?["content"] as? [[String: Any]]) ?? []
        let image = content.compactMap { $0["image"] as? [String: Any] }.first
        #expect(image?["format"] as? String == "png")
        #expect((image?["source"] as? [String: Any])?["bytes"] as? String == Data(Self.png).base64EncodedString())
    }

    @Test func addressClassification() {
        for address in ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
                        "::1", "::", "fd00::1", "fe80::1%eth0", "::ffff:10.0.0.1", "[::1]", "224.0.0.1", "not-an-address"] {
            #expect(AddressPolicy.isInternal(address), "\(address)")
        }
        for address in ["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"] {
            #expect(!AddressPolicy.isInternal(address), "\(address)")
        }
    }
}
