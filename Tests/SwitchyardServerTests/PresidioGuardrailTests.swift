import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// The `presidio` guardrail through the HTTP surface, against a fake Presidio analyzer and
/// anonymizer that speak Presidio's REST API: blocks name the entity and never reach the
/// upstream; masks send `<ENTITY_TYPE>` on; a Presidio that fails in any way fails closed.
@Suite struct PresidioGuardrailTests {
    static let email = "jane@example.com"
    static let card = "4111111111111111"

    static func config(upstream: FakeAnthropicUpstream, analyzer: FakePresidio, anonymizer: FakePresidio) throws -> GatewayConfig {
        try TestConfig.load("""
            model_list:
              - model_name: claude
                litellm_params: {model: anthropic/claude-sonnet-4-5, api_base: "\(upstream.baseURL)", api_key: sk-ant-fake}
            guardrails:
              - guardrail_name: pii-block
                litellm_params: {guardrail: presidio}
              - guardrail_name: pii-mask
                litellm_params: {guardrail: presidio, action: mask}
              - guardrail_name: pii-block-quick
                litellm_params: {guardrail: presidio, presidio_timeout: 0.5}
              - guardrail_name: pii-mask-quick
                litellm_params: {guardrail: presidio, action: mask, presidio_timeout: 0.5}
              - guardrail_name: pii-entities
                litellm_params:
                  guardrail: presidio
                  pii_entities_config: {CREDIT_CARD: BLOCK, EMAIL_ADDRESS: MASK}
                  presidio_score_thresholds: {ALL: 0.5}
              - guardrail_name: pii-threshold
                litellm_params: {guardrail: presidio, presidio_score_thresholds: {IP_ADDRESS: 0.7}, presidio_entities_deny_list: [EMAIL_ADDRESS]}
              - guardrail_name: pii-answers
                litellm_params: {guardrail: presidio, mode: post_call, pii_entities_config: {EMAIL_ADDRESS: BLOCK}}
              - guardrail_name: pii-unreachable
                litellm_params: {guardrail: presidio, presidio_analyzer_api_base: "127.0.0.1:9"}
            """, environment: ["PRESIDIO_ANALYZER_API_BASE": analyzer.baseURL, "PRESIDIO_ANONYMIZER_API_BASE": anonymizer.baseURL])
    }

    struct Fakes {
        let upstream: FakeAnthropicUpstream
        let analyzer: FakePresidio
        let anonymizer: FakePresidio
    }

    static func withPresidio(_ test: @Sendable (any TestClientProtocol, Fakes) async throws -> Void) async throws {
        let fakes = Fakes(upstream: try await FakeAnthropicUpstream.start(), analyzer: try await FakePresidio.start(), anonymizer: try await FakePresidio.start())
        defer {
            Task {
                await fakes.upstream.stop()
                await fakes.analyzer.stop()
                await fakes.anonymizer.stop()
            }
        }
        try await withGateway(try config(upstream: fakes.upstream, analyzer: fakes.analyzer, anonymizer: fakes.anonymizer)) { client in
            try await test(client, fakes)
        }
    }

    static func chat(_ client: any TestClientProtocol, _ text: String, _ guardrail: String, stream: Bool = false) async throws -> TestResponse {
        let body: [String: Any] = ["model": "claude", "stream": stream, "guardrails": [guardrail], "messages": [["role": "user", "content": text]]]
        return try await client.execute(uri: "/v1/chat/completions", method: .post, headers: [.contentType: "application/json"], body: jsonBody(body))
    }

    static func error(_ response: TestResponse) -> [String: Any] {
        response.body.json["error"] as? [String: Any] ?? [:]
    }

    @Test func aBlockIsA403NamingTheEntityAndTheUpstreamIsNeverCalled() async throws {
        try await Self.withPresidio { client, fakes in
            let openAI = try await Self.chat(client, "mail \(Self.email) card \(Self.card)", "pii-block")
            #expect(openAI.status == .forbidden)
            #expect(Self.error(openAI)["type"] as? String == "guardrail_violation")
            #expect(Self.error(openAI)["message"] as? String == "The request was blocked by the guardrail 'pii-block': it contains EMAIL_ADDRESS.")
            #expect(!String(buffer: openAI.body).contains(Self.email))
            #expect(openAI.headers[HTTPField.Name("x-switchyard-guardrails")!] == "pii-block")

            let anthropic = try await client.execute(
                uri: "/v1/messages", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"model":"claude","max_tokens":10,"guardrails":["pii-block"],"system":"card \#(Self.card)","messages":[{"role":"user","content":"hi"}]}"#)
            )
            #expect(anthropic.status == .forbidden)
            #expect((Self.error(anthropic)["message"] as? String)?.hasSuffix("it contains CREDIT_CARD.") == true)
            #expect(fakes.upstream.requests.isEmpty)
            // The analyzer got each text with the default language and no entity list.
            let asked = fakes.analyzer.requests("/analyze").map { $0.json as NSDictionary }
            #expect(asked.contains(["text": "mail \(Self.email) card \(Self.card)", "language": "en"]))
            #expect(asked.contains(["text": "card \(Self.card)", "language": "en"]))
            #expect(fakes.anonymizer.requests.isEmpty)
        }
    }

    @Test func maskingSendsTheAnonymizedTextUpstreamAndAsksOncePerText() async throws {
        try await Self.withPresidio { client, fakes in
            let body = #"{"model":"claude","guardrails":["pii-mask"],"messages":[{"role":"system","content":"  "},{"role":"user","content":"write to \#(Self.email)"},{"role":"assistant","content":"ok"},{"role":"user","content":"write to \#(Self.email)"}]}"#
            let answer = try await client.execute(uri: "/v1/chat/completions", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            let sent = String(decoding: try #require(fakes.upstream.requests.last).body, as: UTF8.self)
            #expect(!sent.contains(Self.email))
            #expect(sent.components(separatedBy: "write to <EMAIL_ADDRESS>").count == 3, "both copies masked: \(sent)")
            // "ok" and the repeated text once each; the blank system prompt not at all.
            #expect(fakes.analyzer.requests("/analyze").compactMap { $0.json["text"] as? String }.sorted() == ["ok", "write to \(Self.email)"])
            let anonymized = try #require(fakes.anonymizer.requests("/anonymize").first?.json)
            #expect(anonymized["text"] as? String == "write to \(Self.email)")
            #expect((anonymized["analyzer_results"] as? [[String: Any]])?.first?["entity_type"] as? String == "EMAIL_ADDRESS")
        }
    }

    @Test func entitiesConfigAsksForItsEntitiesAndActsPerEntity() async throws {
        try await Self.withPresidio { client, fakes in
            let blocked = try await Self.chat(client, "card \(Self.card)", "pii-entities")
            #expect((Self.error(blocked)["message"] as? String)?.hasSuffix("it contains CREDIT_CARD.") == true)
            let masked = try await Self.chat(client, "mail \(Self.email) from 10.0.0.1", "pii-entities")
            #expect(masked.status == .ok)
            #expect(String(decoding: try #require(fakes.upstream.requests.last).body, as: UTF8.self).contains("mail <EMAIL_ADDRESS> from 10.0.0.1"))
            #expect(fakes.analyzer.requests("/analyze").allSatisfy { $0.json["entities"] as? [String] == ["CREDIT_CARD", "EMAIL_ADDRESS"] })
        }
    }

    @Test func findingsUnderTheirThresholdOrOnTheDenyListAreLetThrough() async throws {
        try await Self.withPresidio { client, fakes in
            // IP_ADDRESS scores 0.6 (< 0.7); EMAIL_ADDRESS is on the deny list.
            let clean = try await Self.chat(client, "from 10.0.0.1 to \(Self.email)", "pii-threshold")
            #expect(clean.status == .ok, "\(String(buffer: clean.body))")
            #expect(String(decoding: try #require(fakes.upstream.requests.last).body, as: UTF8.self).contains("from 10.0.0.1 to \(Self.email)"))
            let blocked = try await Self.chat(client, "card \(Self.card)", "pii-threshold")
            #expect(blocked.status == .forbidden)
        }
    }

    /// Which Presidio call a failure breaks: the analyzer's, the anonymizer's (after the
    /// analyzer found something to mask), or an analyzer nothing listens for.
    enum Failing: Sendable {
        case analyzer, anonymizer, unreachable
    }

    @Test(arguments: [
        (Failing.analyzer, FakeProviderBehavior.error(status: 500)), (.analyzer, .error(status: 400)), (.analyzer, .text(["not json"])),
        (.analyzer, .text([#"{"error": "No text provided"}"#])), (.analyzer, .text([#"[{"entity_type": "EMAIL_ADDRESS"}]"#])), (.analyzer, .hang),
        (.anonymizer, .error(status: 422)), (.anonymizer, .text([#"{"items": []}"#])), (.anonymizer, .hang), (.unreachable, .echo),
    ])
    func aPresidioThatFailsFailsClosed(failing: Failing, behavior: FakeProviderBehavior) async throws {
        try await Self.withPresidio { client, fakes in
            let guardrail = switch failing {
            case .analyzer: "pii-block-quick"
            case .anonymizer: "pii-mask-quick"
            case .unreachable: "pii-unreachable"
            }
            (failing == .anonymizer ? fakes.anonymizer : fakes.analyzer).setBehavior(behavior)
            let started = ContinuousClock.now
            let answer = try await Self.chat(client, "mail \(Self.email)", guardrail)
            #expect(answer.status == .serviceUnavailable)
            #expect(Self.error(answer)["code"] as? String == "guardrail_unavailable")
            #expect(Self.error(answer)["message"] as? String == "The guardrail '\(guardrail)' could not run, so the request was not sent.")
            #expect(answer.headers[.retryAfter] == "1")
            #expect(fakes.upstream.requests.isEmpty)
            #expect(ContinuousClock.now - started < .seconds(5), "presidio_timeout bounds the wait")
        }
    }

    /// post_call: the answer (the fake echoes the prompt) is checked whole; a stream is held
    /// and replaced by the error event, so the entity never reaches the client.
    @Test func anAnswerWithABlockedEntityIsStoppedWholeOrStreamed() async throws {
        try await Self.withPresidio { client, fakes in
            let whole = try await Self.chat(client, "I am \(Self.email)", "pii-answers")
            #expect(whole.status == .forbidden)
            #expect(Self.error(whole)["message"] as? String == "The answer was blocked by the guardrail 'pii-answers': it contains EMAIL_ADDRESS.")
            #expect(fakes.upstream.requests.count == 1, "the prompt is not checked post_call")

            let streamed = try await Self.chat(client, "I am \(Self.email)", "pii-answers", stream: true)
            #expect(streamed.status == .ok)
            let text = String(buffer: streamed.body)
            #expect(!text.contains("jane@"), "\(text)")
            #expect(text.hasPrefix(#"data: {"error":"#) && text.contains("EMAIL_ADDRESS"), "\(text)")

            let clean = try await Self.chat(client, "nothing to see", "pii-answers", stream: true)
            #expect(String(buffer: clean.body).contains(" nothing"))
            #expect(String(buffer: clean.body).hasSuffix("data: [DONE]\n\n"))
            #expect(fakes.analyzer.requests("/analyze").last?.json["text"] as? String == "Anthropic heard: nothing to see")

            fakes.analyzer.setBehavior(.error(status: 500))
            let unchecked = try await Self.chat(client, "nothing to see", "pii-answers")
            #expect(unchecked.status == .serviceUnavailable)
            #expect(Self.error(unchecked)["message"] as? String == "The guardrail 'pii-answers' could not run, so the answer was not passed on.")
        }
    }
}
