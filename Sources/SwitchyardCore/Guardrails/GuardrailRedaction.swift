/// The `mask` action: each finding replaced by `[REDACTED_<CATEGORY>]`
/// (`[REDACTED_EMAIL]`, `[REDACTED_OPENAI_KEY]`).
///
/// We use our own labels rather than LiteLLM's Presidio style (`<EMAIL_ADDRESS>`): they name
/// the same categories as the config, logs and block messages, and square brackets are less
/// likely to be read as markup by a model or a renderer.
public enum GuardrailRedaction {
    /// `text` with every finding masked. Overlapping findings merge into one masked span
    /// labelled by the earliest (longest, when they start together).
    public static func masked(_ text: String, findings: [GuardrailFinding]) -> String {
        guard !findings.isEmpty else { return text }
        let ordered = findings.sorted {
            ($0.utf8Range.lowerBound, -$0.utf8Range.upperBound) < ($1.utf8Range.lowerBound, -$1.utf8Range.upperBound)
        }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var cursor = 0
        var index = 0
        while index < ordered.count {
            let finding = ordered[index]
            var end = finding.utf8Range.upperBound
            index += 1
            while index < ordered.count, ordered[index].utf8Range.lowerBound < end {
                end = max(end, ordered[index].utf8Range.upperBound)
                index += 1
            }
            let start = max(finding.utf8Range.lowerBound, cursor)
            result += bytes[cursor..<start]
            result += finding.category.maskLabel.utf8
            cursor = min(max(end, start), bytes.count)
        }
        result += bytes[cursor...]
        return String(decoding: result, as: UTF8.self)
    }
}
