/// The built-in `prompt_injection` guardrail: heuristics for instruction-override attempts
/// ("ignore all previous instructions", "reveal your system prompt") and role-play jailbreaks
/// ("you are now DAN", "developer mode", "pretend you have no restrictions").
///
/// The text is read as normalised words (`InjectionWords`: case, extra whitespace,
/// zero-width characters, leetspeak) and matched against short word patterns
/// (`PromptInjectionRule`) that need the object of the override to be instructions, rules or
/// a prompt: "please ignore the previous email" and "my previous instructions to the
/// contractor" do not match. Each rule costs a constant per word, so the scan is linear.
public struct PromptInjectionDetector: GuardrailDetector {
    public init() {}

    public func findings(in text: String) -> [GuardrailFinding] {
        let words = InjectionWords(text)
        var found: [GuardrailFinding] = []
        // Several rules may match the same words; one finding per category and first word.
        var reported: Set<Int> = []
        for start in PromptInjectionRule.candidateStarts(in: words) {
            for rule in PromptInjectionRule.starting(at: start, in: words) {
                let key = start << 1 | (rule.category == .rolePlay ? 1 : 0)
                guard !reported.contains(key), let end = rule.match(words, at: start) else { continue }
                reported.insert(key)
                let range = words.words[start].range.lowerBound..<words.words[end - 1].range.upperBound
                found.append(GuardrailFinding(rule.category, range))
            }
        }
        return found
    }
}
