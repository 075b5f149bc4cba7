/// The built-in `content_filter` guardrail: `blocked_words` as whole words in any case, and
/// `blocked_patterns` as regexes.
///
/// A blocked word may be a phrase (`"wire transfer"`): it matches those words in sequence,
/// whatever whitespace or punctuation sits between them. Words are runs of letters and
/// digits, so `class` never matches inside `classification`.
///
/// The text is lower-cased (ASCII) in one pass and its words looked up as slices of that:
/// only a word with a non-ASCII letter becomes a String, lower-cased by Unicode's rules.
public struct ContentFilterDetector: GuardrailDetector {
    public let blockedPatterns: [GuardrailPattern]
    /// The first word of every blocked phrase, lower case.
    private let firstWords: InjectionWordSet
    /// For each of `firstWords`, the phrases that start with it: their words, lower-case UTF-8.
    private let phrases: [[[[UInt8]]]]

    public init(blockedWords: [String], blockedPatterns: [GuardrailPattern]) {
        self.blockedPatterns = blockedPatterns
        let split = blockedWords.map { phrase in Self.words(in: phrase) }.filter { !$0.isEmpty }
        firstWords = InjectionWordSet(split.map { String(decoding: $0[0], as: UTF8.self) })
        phrases = firstWords.words.map { first in split.filter { $0[0].elementsEqual(first.utf8) } }
    }

    public func findings(in text: String) -> [GuardrailFinding] {
        var found: [GuardrailFinding] = []
        if !phrases.isEmpty {
            text.withUTF8Bytes { bytes in
                // ASCII letters lower-cased in one pass; a word's spelling is then a slice of
                // it, unless the word has a non-ASCII letter.
                let folded = [UInt8](unsafeUninitializedCapacity: bytes.count) { folded, count in
                    for index in bytes.indices { folded[index] = bytes[index].asciiLowercased }
                    count = bytes.count
                }
                folded.withUnsafeBufferPointer { folded in
                    var cursor = 0
                    while let word = Self.nextWord(in: bytes, from: cursor) {
                        cursor = word.range.upperBound
                        guard let position = Self.spelling(of: word, bytes, folded, firstWords.position(of:)) else { continue }
                        for phrase in phrases[position] {
                            if let end = Self.rest(of: phrase, in: bytes, folded, from: cursor) {
                                found.append(GuardrailFinding(.blockedWord, word.range.lowerBound..<end))
                            }
                        }
                    }
                }
            }
        }
        for pattern in blockedPatterns {
            found += pattern.matches(in: text).map { GuardrailFinding(.blockedPattern, $0) }
        }
        return found
    }

    /// A run of word bytes, and whether they are all ASCII.
    private typealias Word = (range: Range<Int>, ascii: Bool)

    /// Where `phrase` ends when its words after the first follow `start` in `bytes`; nil when
    /// they do not.
    private static func rest(of phrase: [[UInt8]], in bytes: UnsafeBufferPointer<UInt8>, _ folded: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var end = start
        for expected in phrase.dropFirst() {
            guard let word = nextWord(in: bytes, from: end), spelling(of: word, bytes, folded, { $0.elementsEqual(expected) }) else { return nil }
            end = word.range.upperBound
        }
        return end
    }

    /// `body` applied to the lower-case spelling of `word`: a slice of `folded` for an ASCII
    /// word, Unicode's lower case of the others.
    private static func spelling<Result>(
        of word: Word, _ bytes: UnsafeBufferPointer<UInt8>, _ folded: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        if word.ascii { return body(UnsafeBufferPointer(rebasing: folded[word.range])) }
        let lowered = Array(String(decoding: UnsafeBufferPointer(rebasing: bytes[word.range]), as: UTF8.self).lowercased().utf8)
        return lowered.withUnsafeBufferPointer(body)
    }

    /// The next run of word bytes at or after `start`.
    private static func nextWord(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Word? {
        var first = start
        while first < bytes.count, !bytes[first].isWordByte { first += 1 }
        guard first < bytes.count else { return nil }
        let range = first..<bytes.runEnd(from: first, where: \.isWordByte)
        return (range, !bytes[range].contains { $0 >= 0x80 })
    }

    /// The lower-case words of a blocked phrase.
    private static func words(in phrase: String) -> [[UInt8]] {
        phrase.withUTF8Bytes { bytes in
            let folded = bytes.map(\.asciiLowercased)
            return folded.withUnsafeBufferPointer { folded in
                var words: [[UInt8]] = []
                var cursor = 0
                while let word = nextWord(in: bytes, from: cursor) {
                    words.append(spelling(of: word, bytes, folded) { Array($0) })
                    cursor = word.range.upperBound
                }
                return words
            }
        }
    }
}
