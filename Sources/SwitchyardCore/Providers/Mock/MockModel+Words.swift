extension MockModel {
    /// Splitting, cutting and counting text by whitespace-separated words.
    enum Words {
        /// The number of whitespace-separated words in `text`.
        static func count(in text: String) -> Int {
            text.split(whereSeparator: \.isWhitespace).count
        }

        /// `text` as stream pieces: each word with the whitespace before it; trailing whitespace
        /// joins the last piece. The pieces concatenate to exactly `text`.
        static func pieces(of text: String) -> [String] {
            var pieces: [String] = []
            var current = ""
            var inWord = false
            for character in text {
                if character.isWhitespace {
                    if inWord {
                        pieces.append(current)
                        current = ""
                        inWord = false
                    }
                } else {
                    inWord = true
                }
                current.append(character)
            }
            if !current.isEmpty {
                if inWord || pieces.isEmpty {
                    pieces.append(current)
                } else {
                    pieces[pieces.count - 1] += current
                }
            }
            return pieces
        }

        /// Applies the stop strings, then the word limit, returning the text and why it ended.
        static func limit(_ text: String, stop: [String]?, maxWords: Int?) -> (text: String, finish: FinishReason) {
            var text = text
            if let cut = earliestStop(in: text, stop: stop ?? []) {
                text = String(text[..<cut])
            }
            if let maxWords, count(in: text) > max(maxWords, 0) {
                return (pieces(of: text).prefix(max(maxWords, 0)).joined(), .length)
            }
            return (text, .stop)
        }

        private static func earliestStop(in text: String, stop: [String]) -> String.Index? {
            stop.filter { !$0.isEmpty }.compactMap { text.firstRange(of: $0)?.lowerBound }.min()
        }

        /// `text` in three near-equal character runs (sizes differ by at most one, larger first).
        static func thirds(of text: String) -> [String] {
            let characters = Array(text)
            let base = characters.count / 3
            let remainder = characters.count % 3
            let sizes = [base + (remainder > 0 ? 1 : 0), base + (remainder > 1 ? 1 : 0), base]
            var start = 0
            return sizes.map { size in
                defer { start += size }
                return String(characters[start..<start + size])
            }
        }
    }
}
