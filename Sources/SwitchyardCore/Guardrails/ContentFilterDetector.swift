/// The built-in `content_filter` guardrail: `blocked_words` as whole words in any case, and
/// `blocked_patterns` as regexes.
///
/// A blocked word may be a phrase (`"wire transfer"`): it matches those words in sequence,
/// whatever whitespace or punctuation sits between them. Words are runs of letters and
/// digits, so `class` never matches inside `classification`.
///
/// The text's words are read in place and looked up by their lower-case bytes, one scratch
/// buffer for all of them: only a word with a non-ASCII letter becomes a String (to be
/// lower-cased by Unicode's rules).
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
                var spelling: [UInt8] = []
                var cursor = 0
                while let word = Self.nextWord(in: bytes, from: cursor) {
                    cursor = word.upperBound
                    Self.lowercase(bytes, word, into: &spelling)
                    guard let position = firstWords.position(of: spelling[...]) else { continue }
                    for phrase in phrases[position] {
                        if let end = rest(of: phrase, in: bytes, from: word.upperBound, scratch: &spelling) {
                            found.append(GuardrailFinding(.blockedWord, word.lowerBound..<end))
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

    /// Where `phrase` ends when its words after the first follow `start` in `bytes`; nil when
    /// they do not.
    private func rest(of phrase: [[UInt8]], in bytes: UnsafeBufferPointer<UInt8>, from start: Int, scratch: inout [UInt8]) -> Int? {
        var end = start
        for expected in phrase.dropFirst() {
            guard let word = Self.nextWord(in: bytes, from: end) else { return nil }
            Self.lowercase(bytes, word, into: &scratch)
            guard scratch == expected else { return nil }
            end = word.upperBound
        }
        return end
    }

    /// The next run of word bytes at or after `start`.
    private static func nextWord(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        var index = start
        while index < bytes.count, !bytes[index].isWordByte { index += 1 }
        guard index < bytes.count else { return nil }
        return index..<bytes.runEnd(from: index, where: \.isWordByte)
    }

    /// The lower-case UTF-8 of `range` of `bytes`, written over `spelling`.
    private static func lowercase(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into spelling: inout [UInt8]) {
        spelling.removeAll(keepingCapacity: true)
        let word = UnsafeBufferPointer(rebasing: bytes[range])
        if word.allSatisfy({ $0 < 0x80 }) {
            for byte in word { spelling.append(byte.asciiLowercased) }
        } else {
            spelling.append(contentsOf: String(decoding: word, as: UTF8.self).lowercased().utf8)
        }
    }

    /// The lower-case words of a blocked phrase.
    private static func words(in phrase: String) -> [[UInt8]] {
        phrase.withUTF8Bytes { bytes in
            var words: [[UInt8]] = []
            var cursor = 0
            while let word = nextWord(in: bytes, from: cursor) {
                var spelling: [UInt8] = []
                lowercase(bytes, word, into: &spelling)
                words.append(spelling)
                cursor = word.upperBound
            }
            return words
        }
    }
}
