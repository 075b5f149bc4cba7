import SwitchyardCore
import Testing

@Suite struct GuardrailRedactionTests {
    @Test func masksEachFindingByItsCategory() {
        let text = "mail jane@example.com, card 4111 1111 1111 1111, key sk-\(String(repeating: "a1B2", count: 12))."
        let found = PIIDetector().findings(in: text) + SecretsDetector().findings(in: text)
        #expect(GuardrailRedaction.masked(text, findings: found) == "mail [REDACTED_EMAIL], card [REDACTED_CREDIT_CARD], key [REDACTED_OPENAI_KEY].")
    }

    @Test func overlappingFindingsMergeAndOffsetsAreUTF8() {
        let text = "é😀 abcdef"
        let start = "é😀 ".utf8.count
        let findings = [GuardrailFinding(.blockedWord, start..<(start + 4)), GuardrailFinding(.blockedPattern, (start + 2)..<(start + 6))]
        #expect(GuardrailRedaction.masked(text, findings: findings) == "é😀 [REDACTED_BLOCKED_WORD]")
        #expect(String(text[findings[0].range(in: text)]) == "abcd")
    }

    @Test func findingsNeverPrintTheirText() {
        let finding = PIIDetector().findings(in: "write to jane@example.com")[0]
        #expect(finding.description == "email@9..25")
    }
}
