import Foundation
import SwitchyardCore
import Testing

/// A labelled set under `Fixtures/guardrails`: `+ text` must give a finding, `- text` must
/// not; `#` starts a comment and `\n` in a text is a newline.
struct GuardrailFixture {
    var positives: [String] = []
    var negatives: [String] = []

    init(_ name: String) throws {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/guardrails"))
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let text = line.dropFirst(2).replacingOccurrences(of: "\\n", with: "\n")
            if line.hasPrefix("+ ") { positives.append(text) }
            if line.hasPrefix("- ") { negatives.append(text) }
        }
    }

    /// True and false positives and negatives of `detector` on this set.
    func score(_ detector: some GuardrailDetector) -> GuardrailScore {
        var score = GuardrailScore()
        for text in positives {
            if detector.findings(in: text).isEmpty { score.missed.append(text) } else { score.truePositives += 1 }
        }
        for text in negatives {
            if detector.findings(in: text).isEmpty { score.trueNegatives += 1 } else { score.falseAlarms.append(text) }
        }
        return score
    }
}

/// A detector's confusion counts on a labelled set, with the texts it got wrong.
struct GuardrailScore {
    var truePositives = 0
    var trueNegatives = 0
    var missed: [String] = []
    var falseAlarms: [String] = []

    var precision: Double {
        let flagged = truePositives + falseAlarms.count
        return flagged == 0 ? 1 : Double(truePositives) / Double(flagged)
    }

    var recall: Double {
        let actual = truePositives + missed.count
        return actual == 0 ? 1 : Double(truePositives) / Double(actual)
    }

    /// A row of the precision table in `docs/guardrail-precision.md`.
    func row(_ name: String) -> String {
        let numbers = [truePositives, falseAlarms.count, trueNegatives, missed.count].map(String.init)
        return "| \(name) | " + numbers.joined(separator: " | ")
            + " | \(String(format: "%.2f", precision)) | \(String(format: "%.2f", recall)) |"
    }
}
