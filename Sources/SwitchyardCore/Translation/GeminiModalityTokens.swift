/// One per-modality breakdown of Gemini `usageMetadata` (`promptTokensDetails`,
/// `candidatesTokensDetails`: `[{"modality": "IMAGE", "tokenCount": 1290}]`), which
/// `GeminiUsageMetadata` keeps in `extra`.
struct GeminiModalityTokens {
    private var counts: [String: Int] = [:]

    /// The breakdown `member` of `usage`, read in camelCase or snake_case; nil when absent.
    init?(_ usage: GeminiUsageMetadata, _ member: String) {
        guard let entries = GeminiObjectReader.spellings(of: member).lazy.compactMap({ usage.extra[$0]?.arrayValue }).first
        else { return nil }
        for entry in entries {
            guard let modality = entry["modality"]?.stringValue?.uppercased() else { continue }
            let count = (entry["tokenCount"] ?? entry["token_count"])?.intValue ?? 0
            counts[modality, default: 0] += count
        }
    }

    /// Tokens of `modality` (`TEXT`, `IMAGE`, `AUDIO`, `VIDEO`); nil when not listed.
    func count(of modality: String) -> Int? {
        counts[modality]
    }
}
