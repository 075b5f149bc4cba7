import Foundation
import SwitchyardCore
import Testing

/// Which guardrails run: default_on, model, key and body names, narrowed by the header except
/// where `allow_request_override: false`.
@Suite struct GuardrailSelectionTests {
    let configured = [
        GuardrailDefinition(name: "pii", kind: .pii, defaultOn: true),
        GuardrailDefinition(name: "secrets", kind: .secrets, defaultOn: true, allowRequestOverride: false),
        GuardrailDefinition(name: "injection", kind: .promptInjection),
        GuardrailDefinition(name: "words", kind: .contentFilter, blockedWords: ["x"]),
        GuardrailDefinition(name: "answers", kind: .pii, modes: [.postCall], defaultOn: true),
    ]

    private func names(
        mode: GuardrailMode = .preCall, model: [String] = [], key: [String] = [], body: String = "{}", header: String? = nil
    ) throws -> [String] {
        let request = GuardrailRequestNames(body: try JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)))
        return GuardrailSelection(
            configured: configured, mode: mode, model: model, key: key, request: request, override: GuardrailOverride(header: header)
        ).active.map(\.name)
    }

    @Test func defaultsModelKeyAndBodyAddUp() throws {
        #expect(try names() == ["pii", "secrets"])
        #expect(try names(mode: .postCall) == ["answers"])
        #expect(try names(model: ["injection"]) == ["pii", "secrets", "injection"])
        #expect(try names(key: ["words"]) == ["pii", "secrets", "words"])
        #expect(try names(body: #"{"guardrails": ["words"]}"#) == ["pii", "secrets", "words"])
        #expect(try names(body: #"{"metadata": {"guardrails": ["injection"]}}"#) == ["pii", "secrets", "injection"])
    }

    @Test func headerNarrowsButNeverSwitchesOffMandatoryOnes() throws {
        #expect(try names(model: ["injection"], header: "none") == ["secrets"])
        #expect(try names(model: ["injection"], header: "injection, words") == ["secrets", "injection"])
        #expect(try names(header: " ") == ["pii", "secrets"])
        #expect(try names(body: #"{"guardrails": {"pii": false, "secrets": false}}"#) == ["secrets"])
    }

    @Test func stagesRunPreCallThenDuringCallAndNameEachGuardrailOnce() {
        let configured = [
            GuardrailDefinition(name: "during", kind: .secrets, modes: [.duringCall], defaultOn: true),
            GuardrailDefinition(name: "both", kind: .pii, modes: [.preCall, .postCall], defaultOn: true),
            GuardrailDefinition(name: "after", kind: .pii, modes: [.postCall], defaultOn: true),
            GuardrailDefinition(name: "asked", kind: .promptInjection),
        ]
        let defaults = GuardrailSelection.Stages(configured: configured)
        #expect(defaults.request.map(\.name) == ["both", "during"])
        #expect(defaults.answer.map(\.name) == ["both", "after"])
        #expect(defaults.header == "both,during,after")
        #expect(!defaults.asksServices)
        let moderated = configured + [GuardrailDefinition(name: "mod", kind: .moderation, defaultOn: true)]
        #expect(GuardrailSelection.Stages(configured: moderated).asksServices)
        let asked = GuardrailSelection.Asked(model: ["asked"])
        #expect(!asked.asksNothing)
        #expect(GuardrailSelection.Stages(configured: configured, asked: asked).header == "both,asked,during,after")
        let none = GuardrailSelection.Stages(configured: configured, asked: GuardrailSelection.Asked(override: GuardrailOverride(header: "none")))
        #expect(none.request.isEmpty && none.answer.isEmpty && none.header == nil)
        #expect(GuardrailSelection.Asked().asksNothing)
        #expect(GuardrailSelection.Stages(configured: []).header == nil)
    }

    @Test func unknownBodyNamesAreReported() throws {
        let request = GuardrailRequestNames(enabled: ["nope", "pii"])
        let selection = GuardrailSelection(configured: configured, mode: .preCall, request: request)
        #expect(selection.unknownNames == ["nope"])
    }

    @Test func keysKeepTheirGuardrailsInMetadata() {
        let key = VirtualKey(tokenHash: "h", keyName: "sk-...", metadata: ["guardrails": ["pii", "words"]], createdAt: 0)
        #expect(key.guardrails == ["pii", "words"])
    }
}
