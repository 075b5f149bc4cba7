import Foundation
import Testing

@testable import SwitchyardCore

@Suite struct SemanticCachePromptTests {
    static func prompt(_ json: String, operation: GatewayOperation = OperationTable.chatCompletions, model: String = "gpt-4o", namespace: String? = nil)
        throws -> SemanticCachePrompt?
    {
        SemanticCachePrompt(body: try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)), operation: operation, model: model, namespace: namespace)
    }

    static func chat(_ last: String, earlier: String = "Hi", extra: String = "") -> String {
        #"{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"\#(earlier)"},{"role":"assistant","content":"Hello."},"#
            + #"{"role":"user","content":"\#(last)"}]\#(extra)}"#
    }

    @Test func onlyTheLastUserTurnMayDiffer() throws {
        let base = try #require(try Self.prompt(Self.chat("Capital of France?")))
        #expect(base.text == "Capital of France?")
        let paraphrase = try #require(try Self.prompt(Self.chat("capital of france")))
        #expect(paraphrase.bucket == base.bucket)
        #expect(try Self.prompt(Self.chat("capital of france", earlier: "Hello"))?.bucket != base.bucket)
        #expect(try Self.prompt(Self.chat("capital of france", extra: #","temperature":0.1"#))?.bucket != base.bucket)
        #expect(try Self.prompt(Self.chat("capital of france", extra: #","stream":true"#))?.bucket != base.bucket)
        #expect(try Self.prompt(Self.chat("capital of france"), model: "other")?.bucket != base.bucket)
        #expect(try Self.prompt(Self.chat("capital of france"), namespace: "team")?.bucket != base.bucket)
        #expect(try Self.prompt(Self.chat("capital of france"), operation: OperationTable.completions) == nil)
        // Labels and gateway controls are left out, as in the exact key.
        #expect(try Self.prompt(Self.chat("capital of france", extra: #","user":"ada","cache":{"ttl":5},"metadata":{"a":1}"#))?.bucket == base.bucket)
    }

    @Test func textPartsAreJoinedAndOtherPartsStayInTheBucket() throws {
        func parts(_ text: String, image: String) -> String {
            #"{"messages":[{"role":"user","content":[{"type":"text","text":"\#(text)"},{"type":"image_url","image_url":{"url":"\#(image)"}},{"type":"text","text":"Thanks"}]}]}"#
        }
        let prompt = try #require(try Self.prompt(parts("What is this?", image: "https://x/a.png")))
        #expect(prompt.text == "What is this?\nThanks")
        #expect(try Self.prompt(parts("what is this", image: "https://x/a.png"))?.bucket == prompt.bucket)
        #expect(try Self.prompt(parts("what is this", image: "https://x/b.png"))?.bucket != prompt.bucket, "another image")
        let imageOnly = #"{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/a.png"}}]}]}"#
        #expect(try Self.prompt(imageOnly) == nil)
        #expect(try Self.prompt(#"{"messages":[{"role":"system","content":"no user"}]}"#) == nil)
    }

    @Test func everySurfaceFindsItsLastUserTurn() throws {
        let anthropic = #"{"model":"c","max_tokens":9,"system":"S","messages":[{"role":"user","content":"First"},{"role":"assistant","content":"Ok"},"#
            + #"{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"42"},{"type":"text","text":"And now?"}]}]}"#
        #expect(try Self.prompt(anthropic, operation: OperationTable.messages)?.text == "And now?", "tool results are not the user's words")

        let gemini = #"{"contents":[{"role":"user","parts":[{"text":"One"}]},{"role":"model","parts":[{"text":"Two"}]},{"parts":[{"text":"Three"}]}]}"#
        #expect(try Self.prompt(gemini, operation: OperationTable.generateContent)?.text == "Three", "a content without a role is the user's")
        #expect(try Self.prompt(gemini, operation: OperationTable.streamGenerateContent)?.text == "Three")

        #expect(try Self.prompt(#"{"model":"m","input":"Plain","store":false}"#, operation: OperationTable.responses)?.text == "Plain")
        let items = #"{"input":[{"role":"user","content":[{"type":"input_text","text":"A"}]},{"type":"message","role":"assistant","content":"B"},"#
            + #"{"type":"function_call_output","call_id":"c","output":"x"},{"role":"user","content":"C"}]}"#
        #expect(try Self.prompt(items, operation: OperationTable.responses)?.text == "C")

        #expect(try Self.prompt(#"{"prompt":"Once upon"}"#, operation: OperationTable.completions)?.text == "Once upon")
        #expect(try Self.prompt(#"{"prompt":["a","b"]}"#, operation: OperationTable.completions) == nil, "several prompts, several answers")
        #expect(try Self.prompt(#"{"input":"x"}"#, operation: OperationTable.embeddings) == nil)
    }
}

@Suite struct SemanticCacheIndexTests {
    static func key(_ n: Int) -> ResponseCacheKey {
        ResponseCacheKey(operation: "chat/completions", model: "m", body: .object(["n": .number(Double(n))]), namespace: nil)
    }

    static func unit(_ values: Float...) -> [Float] {
        SemanticCacheIndex.normalized(values) ?? []
    }

    @Test func matchesAreTheVectorsOfTheBucketAboveTheThresholdMostSimilarFirst() {
        let index = SemanticCacheIndex(maxEntries: 10, clock: TestClock())
        index.insert(Self.unit(1, 0, 0), key: Self.key(1), bucket: "b", ttl: 60)
        index.insert(Self.unit(1, 0.1, 0), key: Self.key(2), bucket: "b", ttl: 60)
        index.insert(Self.unit(0, 1, 0), key: Self.key(3), bucket: "b", ttl: 60)
        index.insert(Self.unit(1, 0, 0), key: Self.key(4), bucket: "other", ttl: 60)
        index.insert([1, 0], key: Self.key(5), bucket: "b", ttl: 60)  // another dimension: never compared
        let matches = index.matches(for: Self.unit(1, 0.05, 0), in: "b", threshold: 0.95)
        #expect(matches.map(\.key) == [Self.key(2), Self.key(1)] || matches.map(\.key) == [Self.key(1), Self.key(2)])
        #expect(matches.allSatisfy { $0.similarity >= 0.95 && $0.similarity <= 1 })
        #expect(matches == matches.sorted { $0.similarity > $1.similarity })
        #expect(index.matches(for: Self.unit(1, 0, 0), in: "b", threshold: 0.9999).map(\.key) == [Self.key(1)])
        #expect(index.matches(for: Self.unit(0, 0, 1), in: "b", threshold: 0.5).isEmpty)
        #expect(index.matches(for: Self.unit(1, 0, 0), in: "none", threshold: 0.5).isEmpty)
    }

    @Test func vectorsLiveAsLongAsTheirAnswersAndTheOldestGoFirst() {
        let clock = TestClock()
        let index = SemanticCacheIndex(maxEntries: 3, clock: clock)
        index.insert(Self.unit(1, 0), key: Self.key(1), bucket: "b", ttl: 10)
        index.insert(Self.unit(1, 0), key: Self.key(2), bucket: "b", ttl: 100)
        clock.advance(11)
        #expect(index.matches(for: Self.unit(1, 0), in: "b", threshold: 0.9).map(\.key) == [Self.key(2)], "the first expired")
        #expect(index.count == 1)

        for n in 3...5 { index.insert(Self.unit(1, 0), key: Self.key(n), bucket: "c", ttl: 100) }
        #expect(index.count == 3)
        #expect(index.matches(for: Self.unit(1, 0), in: "b", threshold: 0.9).isEmpty, "the oldest dropped past the limit")

        // The same key again replaces its vector.
        index.insert(Self.unit(0, 1), key: Self.key(5), bucket: "c", ttl: 100)
        #expect(index.count == 3)
        #expect(index.matches(for: Self.unit(0, 1), in: "c", threshold: 0.9).map(\.key) == [Self.key(5)])
        index.remove(Self.key(5), from: "c")
        #expect(index.count == 2)
    }

    @Test func manyExpiriesKeepTheOrderListSmall() {
        let clock = TestClock()
        let index = SemanticCacheIndex(maxEntries: 1_000_000, clock: clock)
        for n in 0..<20_000 {
            index.insert(Self.unit(1, 0), key: Self.key(n), bucket: "b", ttl: 1)
            clock.advance(2)
            #expect(index.matches(for: Self.unit(1, 0), in: "b", threshold: 0.9).count <= 1)
        }
        #expect(index.count <= 1)
        #expect(index.rememberedInsertions <= 2 * index.count + 1024 + 1)
    }

    @Test func normalising() {
        #expect(SemanticCacheIndex.normalized([3, 4]) == [0.6, 0.8])
        #expect(SemanticCacheIndex.normalized([0, 0]) == nil)
        #expect(SemanticCacheIndex.normalized([]) == nil)
        #expect(SemanticCacheIndex.normalized([.nan, 1]) == nil)
    }
}
