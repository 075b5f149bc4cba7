import Foundation
import SwitchyardCore
import Testing

/// Each built-in detector against its labelled set (true positives and hard negatives), with
/// precision and recall floors. The printed rows are the table in `docs/guardrail-precision.md`.
@Suite struct GuardrailPrecisionTests {
    @Test func piiIsExactOnItsSet() throws {
        let score = try GuardrailFixture("pii").score(PIIDetector())
        report("pii", score)
        #expect(score.falseAlarms.isEmpty, "false alarms: \(score.falseAlarms)")
        #expect(score.recall >= 0.95, "missed: \(score.missed)")
    }

    @Test func secretsAreExactOnTheirSet() throws {
        let score = try GuardrailFixture("secrets").score(SecretsDetector())
        report("secrets", score)
        #expect(score.falseAlarms.isEmpty, "false alarms: \(score.falseAlarms)")
        #expect(score.recall >= 0.95, "missed: \(score.missed)")
    }

    @Test func promptInjectionMeetsItsFloors() throws {
        let score = try GuardrailFixture("prompt_injection").score(PromptInjectionDetector())
        report("prompt_injection", score)
        #expect(score.precision >= 0.95, "false alarms: \(score.falseAlarms)")
        #expect(score.recall >= 0.8, "missed: \(score.missed)")
    }

    @Test func contentFilterIsExactOnItsSet() throws {
        let detector = ContentFilterDetector(
            blockedWords: ["confidential", "project falcon", "wire transfer"],
            blockedPatterns: [try GuardrailPattern(#"\bACME-\d{4}\b"#), try GuardrailPattern(#"(?i)internal\s+only"#)]
        )
        let score = try GuardrailFixture("content_filter").score(detector)
        report("content_filter", score)
        #expect(score.falseAlarms.isEmpty, "false alarms: \(score.falseAlarms)")
        #expect(score.missed.isEmpty, "missed: \(score.missed)")
    }

    private func report(_ name: String, _ score: GuardrailScore) {
        print("GUARDRAIL-PRECISION \(score.row(name))")
        for text in score.missed { print("  missed: \(text.prefix(60))") }
        for text in score.falseAlarms { print("  false alarm: \(text.prefix(60))") }
    }
}
