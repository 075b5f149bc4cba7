import Foundation
import SwitchyardCore
import Testing

/// The time to scan a 2 KB prompt with every built-in detector, printed for the record (a
/// debug build; release is several times faster). The bound is loose, to catch a scan that
/// turned quadratic, not to measure.
@Suite struct GuardrailScanTimeTests {
    static let detectors: [any GuardrailDetector] = [
        PIIDetector(), SecretsDetector(), PromptInjectionDetector(),
        ContentFilterDetector(blockedWords: ["confidential", "project falcon"], blockedPatterns: []),
    ]

    /// Ordinary prose with numbers, dates, an address and code, about 2 KB.
    static let prompt: String = {
        let paragraph = """
            Hi team, following up on the meeting of 2024-01-15 at 10:30: the deploy of version 1.2.3 to \
            server 10.0.4.17 failed because the config still pointed at the old bucket. Please ignore the \
            previous email, I attached the wrong log. Order #4821 shipped on 12.05.2024; the invoice total \
            was $1,234.56. Ping me at jane.doe@example.com or on +44 20 7946 0958 if anything is unclear. \
            Could you summarise the stack trace below and suggest a fix?\n
            """
        var text = ""
        while text.utf8.count < 2048 { text += paragraph }
        return text
    }()

    @Test func twoKilobytePromptScansQuickly() {
        let rounds = 200
        var findings = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<rounds {
                for detector in Self.detectors { findings += detector.findings(in: Self.prompt).count }
            }
        }
        let perScan = elapsed / rounds
        for detector in Self.detectors {
            let alone = clock.measure { for _ in 0..<rounds { _ = detector.findings(in: Self.prompt) } } / rounds
            print("GUARDRAIL-SCAN-TIME \(type(of: detector)): \(alone)")
        }
        print("GUARDRAIL-SCAN-TIME \(Self.prompt.utf8.count) bytes, all detectors: \(perScan) per prompt (debug build)")
        #expect(findings > 0)
        #expect(perScan < .milliseconds(20))
    }

    /// Doubling the input roughly doubles the time: no detector is quadratic, even on
    /// adversarial input (long runs of digits, `@`, colons and "ignore").
    @Test func scanTimeGrowsLinearly() {
        let unit = String(repeating: "1", count: 500) + String(repeating: "@a", count: 250)
            + String(repeating: ":1", count: 250) + String(repeating: " ignore all", count: 50) + " "
        func time(_ copies: Int) -> Duration {
            let text = String(repeating: unit, count: copies)
            return ContinuousClock().measure {
                for detector in Self.detectors { _ = detector.findings(in: text) }
            }
        }
        _ = time(2)
        let small = time(8)
        let large = time(32)
        print("GUARDRAIL-SCAN-TIME adversarial x8: \(small), x32: \(large)")
        #expect(large < small * 10)
    }
}
