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
        // Rules are tried only at words whose first byte and length fit some rule's first word
        // (most words of prose do not), marked as the words are read.
        let words = InjectionWords(text, startShapes: PromptInjectionRule.startShapes)
        var found: [GuardrailFinding] = []
        // Several rules may match the same words; one finding per category and first word.
        var reported: Set<Int> = []
        for start in words.words.indices where words.words[start].fitsStartShape {
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
