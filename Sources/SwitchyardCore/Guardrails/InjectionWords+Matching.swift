extension InjectionWords {
    /// One step of a rule's word pattern.
    enum Step {
        /// One word from the set.
        case one(InjectionWordSet)
        /// One word from the set, or none.
        case optional(InjectionWordSet)
        /// Up to `count` words, each from the set.
        case skip(Int, InjectionWordSet)
        /// Up to `count` words of any kind.
        case anyWords(Int)
    }

    /// The end of a match of `steps` starting at word `start`, within one sentence; nil when
    /// it does not match. Steps are few and skips short, so a match costs a constant.
    func match(_ steps: [Step], at start: Int) -> Int? {
        match(steps, 0, start, start)
    }

    /// The end of a match of `steps[step...]` from word `index`.
    private func match(_ steps: [Step], _ step: Int, _ index: Int, _ start: Int) -> Int? {
        guard step < steps.count else { return index }
        switch steps[step] {
        case .one(let set):
            guard accepts(index, start, set) else { return nil }
            return match(steps, step + 1, index + 1, start)
        case .optional(let set):
            if accepts(index, start, set), let end = match(steps, step + 1, index + 1, start) { return end }
            return match(steps, step + 1, index, start)
        case .skip(let count, let set):
            return skipping(count, set, steps, step + 1, index, start)
        case .anyWords(let count):
            return skipping(count, nil, steps, step + 1, index, start)
        }
    }

    private func skipping(_ count: Int, _ set: InjectionWordSet?, _ steps: [Step], _ next: Int, _ index: Int, _ start: Int) -> Int? {
        var position = index
        while true {
            if let end = match(steps, next, position, start) { return end }
            guard position - index < count, accepts(position, start, set) else { return nil }
            position += 1
        }
    }

    /// Whether word `index` is in the sentence of `start` and in `set` (any word when nil).
    private func accepts(_ index: Int, _ start: Int, _ set: InjectionWordSet?) -> Bool {
        guard index < words.count, index == start || !words[index].startsSentence else { return false }
        return set?.contains(spelling(index)) ?? true
    }

    /// Whether word `index` is said as a command: first in its sentence, or after softeners
    /// only (`please`, `now`, `ok so`), as in "Ok. Now ignore…" but not "I never ignore…".
    func isImperative(_ index: Int) -> Bool {
        var position = index
        // At most three softeners, so a run of "and and and…" costs a constant per match.
        while position > 0, index - position < 3, !words[position].startsSentence, word(position - 1, isIn: Self.softeners) {
            position -= 1
        }
        return words[position].startsSentence
    }

    private static let softeners: InjectionWordSet = [
        "please", "pls", "now", "just", "so", "ok", "okay", "then", "and", "also", "first", "simply", "kindly",
        "but", "hey", "well", "done", "great", "good", "alright", "right", "oh", "actually", "instead", "next", "finally",
    ]

    /// The positions `before` words back and `after` words on from `range`, within the text.
    func window(around range: Range<Int>, before: Int, after: Int) -> Range<Int> {
        max(0, range.lowerBound - before)..<min(words.count, range.upperBound + after)
    }

    /// Whether a word at one of `positions` is one of `set`.
    func contains(_ set: InjectionWordSet, at positions: Range<Int>) -> Bool {
        positions.contains { word($0, isIn: set) }
    }

    /// Whether the word after `end` starts a new sentence (or there is none).
    func sentenceEnds(at end: Int) -> Bool {
        end >= words.count || words[end].startsSentence
    }
}
