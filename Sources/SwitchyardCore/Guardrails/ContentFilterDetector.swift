/// The built-in `content_filter` guardrail: `blocked_words` as whole words in any case, and
/// `blocked_patterns` as regexes.
///
/// A blocked word may be a phrase (`"wire transfer"`): it matches those words in sequence,
/// whatever whitespace or punctuation sits between them. Words are runs of letters and
/// digits, so `class` never matches inside `classification`.
public struct ContentFilterDetector: GuardrailDetector {
    public let blockedPatterns: [GuardrailPattern]
    /// Blocked phrases as lower-case words, by their first word.
    private let phrases: [String: [[String]]]

    public init(blockedWords: [String], blockedPatterns: [GuardrailPattern]) {
        self.blockedPatterns = blockedPatterns
        var phrases: [String: [[String]]] = [:]
        for word in blockedWords {
            let words = Self.words(in: word).map(\.text)
            guard let first = words.first else { continue }
            phrases[first, default: []].append(words)
        }
        self.phrases = phrases
    }

    public func findings(in text: String) -> [GuardrailFinding] {
        var found: [GuardrailFinding] = []
        if !phrases.isEmpty {
            let words = Self.words(in: text)
            for (index, word) in words.enumerated() {
                for phrase in phrases[word.text] ?? [] where index + phrase.count <= words.count {
                    let candidate = words[index..<(index + phrase.count)]
                    if zip(candidate, phrase).allSatisfy({ $0.text == $1 }) {
                        found.append(GuardrailFinding(.blockedWord, word.range.lowerBound..<words[index + phrase.count - 1].range.upperBound))
                    }
                }
            }
        }
        for pattern in blockedPatterns {
            found += pattern.matches(in: text).map { GuardrailFinding(.blockedPattern, $0) }
        }
        return found
    }

    /// The lower-case words of `text` with their UTF-8 ranges.
    private static func words(in text: String) -> [(text: String, range: Range<Int>)] {
        text.withUTF8Bytes { bytes in
            var words: [(text: String, range: Range<Int>)] = []
            bytes.forEachRun(where: \.isWordByte) { range in
                let word = UnsafeBufferPointer(rebasing: bytes[range])
                let text = word.allSatisfy { $0 < 0x80 }
                    ? String(decoding: word.map(\.asciiLowercased), as: UTF8.self)
                    : String(decoding: word, as: UTF8.self).lowercased()
                words.append((text, range))
            }
            return words
        }
    }
}
