import SwitchyardCore
import Testing

/// The window that holds a streamed answer back: nothing a guardrail stops is released, and
/// text far enough behind the stream's end goes out while the stream is still running.
@Suite struct GuardrailStreamWindowTests {
    static let cards = GuardrailDefinition(name: "no-cards", kind: .pii, categories: [.creditCard])

    static func delta(_ text: String, _ channel: String = "0") -> [GuardrailStreamDeltas.Delta] {
        [GuardrailStreamDeltas.Delta(channel: channel, text: text)]
    }

    @Test func aCardSplitIntoOneCharacterDeltasIsStoppedBeforeAnyOfItGoesOut() {
        var window = GuardrailStreamWindow<String>([Self.cards], window: 32)
        var released: [String] = []
        let text = "Your card is 4111 1111 1111 1111, keep it safe."
        var blocked = false
        for character in text {
            switch window.append(String(character), deltas: Self.delta(String(character))) {
            case .release(let events): released += events
            case .blocked(let guardrail, let category):
                #expect(guardrail == "no-cards" && category == .creditCard)
                blocked = true
            }
            if blocked { break }
        }
        #expect(blocked)
        #expect(!released.joined().contains("4111"), "released: \(released.joined())")
    }

    @Test func textAWindowBehindTheEndIsReleasedWhileTheStreamRuns() {
        var window = GuardrailStreamWindow<String>([Self.cards], window: 10)
        var released: [String] = []
        for word in ["alpha ", "beta ", "gamma ", "delta ", "epsilon "] {
            guard case .release(let events) = window.append(word, deltas: Self.delta(word)) else {
                Issue.record("nothing here is a card")
                return
            }
            released += events
        }
        // 31 characters in: events whose text has 10 more after it are out.
        #expect(released == ["alpha ", "beta ", "gamma "])
        #expect(window.finish() == ["delta ", "epsilon "])
    }

    @Test func channelsAreScannedApartAndEventsWithoutTextKeepTheirPlace() {
        var window = GuardrailStreamWindow<String>([Self.cards], window: 4)
        // Digits of a card spread over two tool calls are not one card.
        for (event, deltas) in [
            ("start", [GuardrailStreamDeltas.Delta]()),
            ("a", Self.delta("4111 1111 ", "tool.0")),
            ("b", Self.delta("1111 1111", "tool.1")),
        ] {
            guard case .release = window.append(event, deltas: deltas) else {
                Issue.record("\(event) was blocked")
                return
            }
        }
        #expect(window.finish().isEmpty == false)
    }

    @Test func theDeltasOfEachSurfacesEventsAreRead() throws {
        let chat: JSONValue = ["choices": [["index": 0, "delta": ["content": "hi", "tool_calls": [["index": 1, "function": ["arguments": "{\"a\""]]]]]]]
        #expect(GuardrailStreamDeltas.deltas(in: chat, surface: .chatCompletions).map(\.text) == ["hi", "{\"a\""])
        let anthropic: JSONValue = ["type": "content_block_delta", "index": 2, "delta": ["type": "text_delta", "text": "yo"]]
        #expect(GuardrailStreamDeltas.deltas(in: anthropic, surface: .anthropicMessages).map(\.channel) == ["2"])
        let responses: JSONValue = ["type": "response.output_text.delta", "item_id": "msg_1", "delta": "x"]
        #expect(GuardrailStreamDeltas.deltas(in: responses, surface: .responses).map(\.text) == ["x"])
        let gemini: JSONValue = ["candidates": [["content": ["parts": [["text": "g"], ["text": "secret thought", "thought": true]]]]]]
        #expect(GuardrailStreamDeltas.deltas(in: gemini, surface: .geminiGenerateContent).map(\.text) == ["g"])
    }
}
