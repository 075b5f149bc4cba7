/// One prompt-injection heuristic: a word pattern, whether it must be said as a command, and
/// an optional check of the words around the match.
struct PromptInjectionRule: Sendable {
    typealias Step = InjectionWords.Step

    var category: GuardrailCategory
    var steps: [Step]
    /// The first word must open its sentence (after softeners such as "please", "now").
    var imperative = false
    /// A further test of the match `start..<end`.
    var context: (@Sendable (InjectionWords, Range<Int>) -> Bool)?

    /// The end of a match starting at word `start`, or nil.
    func match(_ words: InjectionWords, at start: Int) -> Int? {
        guard let end = words.match(steps, at: start), end > start else { return nil }
        if imperative, !words.isImperative(start) { return nil }
        if let context, !context(words, start..<end) { return nil }
        return end
    }
}
