import Foundation
import HummingbirdTesting
import NIOCore
import Testing

extension DialectMatrixTests {
    /// The token usage a client sees, in its own shape: OpenAI's `usage` (a stream's usage
    /// chunk), Anthropic's `usage` (a stream's last `message_delta`, input from `message_start`
    /// when the delta has none), Gemini's `usageMetadata` (a stream's last chunk).
    static func usage(_ client: Client, _ body: ByteBuffer, stream: Bool) -> (input: Int?, output: Int?) {
        let events = stream ? ProviderFakesTests.events(body) : [body.json]
        switch client {
        case .openAI:
            let usage = events.last { $0["usage"] is [String: Any] }?["usage"] as? [String: Any]
            return (usage?["prompt_tokens"] as? Int, usage?["completion_tokens"] as? Int)
        case .anthropic:
            let last = events.last { $0["usage"] is [String: Any] }?["usage"] as? [String: Any]
            let start = (events.first?["message"] as? [String: Any])?["usage"] as? [String: Any]
            return (last?["input_tokens"] as? Int ?? start?["input_tokens"] as? Int, last?["output_tokens"] as? Int)
        case .gemini:
            let usage = events.last { $0["usageMetadata"] is [String: Any] }?["usageMetadata"] as? [String: Any]
            return (usage?["promptTokenCount"] as? Int, usage?["candidatesTokenCount"] as? Int)
        }
    }

    /// The usage each provider reports by its own rules: the OpenAI fake's fixed 12 prompt
    /// tokens and one a word out; the Anthropic and Gemini fakes' words in ("Be brief." and the
    /// user's three words) and echo pieces out.
    static let expectedUsage = ["via-openai": (input: 12, output: 5), "via-anthropic": (input: 5, output: 5), "via-gemini": (input: 5, output: 5)]

    @Test(arguments: Client.allCases, ["via-openai", "via-anthropic", "via-gemini"])
    func usageCrossesEveryDialect(client: Client, provider: String) async throws {
        try await Self.withMatrix { gateway, _ in
            for stream in [false, true] {
                let (path, body) = Self.request(client, model: provider, text: "usage across dialects", stream: stream)
                let response = try await gateway.execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
                let usage = Self.usage(client, response.body, stream: stream)
                let expected = try #require(Self.expectedUsage[provider])
                #expect(usage.input == expected.input, "stream: \(stream)")
                #expect(usage.output == expected.output, "stream: \(stream)")
            }
        }
    }
}
