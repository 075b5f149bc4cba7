/// A text as the prompt-injection rules read it: a list of lower-case words with where each
/// came from, whatever disguise the text wore.
///
/// Case is folded, zero-width characters and soft hyphens vanish (they may sit inside a word
/// to split it), apostrophes join (`you're` reads `youre`), and in a word that has letters,
/// leetspeak digits and signs become letters (`1gn0r3` reads `ignore`, `4ll` reads `all`).
/// Every other byte separates words; `.`, `!`, `?`, `:`, `;`, a newline or an opening bracket
/// or quote also starts a new sentence, and rules never match across one.
struct InjectionWords {
    struct Word {
        var text: String
        /// UTF-8 offsets in the original text.
        var range: Range<Int>
        var startsSentence: Bool
        /// Two or more letters, all upper case as written (`DAN`, not `Dan`).
        var allCaps: Bool
    }

    private(set) var words: [Word] = []

    init(_ text: String) {
        text.withUTF8Bytes { bytes in read(bytes) }
    }

    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) {
        var current: [UInt8] = []
        var start = 0
        var end = 0
        var upper = 0
        var lower = 0
        var sentence = true
        var index = 0
        func finish() {
            guard !current.isEmpty else { return }
            words.append(Word(text: Self.spelled(current), range: start..<end, startsSentence: sentence, allCaps: upper >= 2 && lower == 0))
            current.removeAll(keepingCapacity: true)
            upper = 0
            lower = 0
            sentence = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            // Only a few non-ASCII lead bytes can start an invisible character.
            if byte >= 0xC2 {
                let invisible = Self.invisibleLength(bytes, index)
                if invisible > 0 {
                    index += invisible
                    continue
                }
            }
            let apostrophe = byte == UInt8(ascii: "'") ? 1 : (byte == 0xE2 && Self.isRightQuote(bytes, index) ? 3 : 0)
            if apostrophe > 0, !current.isEmpty, bytes.byte(at: index + apostrophe).isASCIILetter {
                index += apostrophe
                continue
            }
            if byte.isASCIIAlnum || byte >= 0x80 || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "$") {
                if current.isEmpty { start = index }
                if byte.isASCIIUpper { upper += 1 } else if byte.isASCIILower { lower += 1 }
                current.append(byte.asciiLowercased)
                end = index + 1
            } else {
                finish()
                if Self.breaksSentence(byte) { sentence = true }
            }
            index += 1
        }
        finish()
    }

    /// `.`, `!`, `?`, `:`, `;`, a newline, an opening bracket or quote, `<`, `>`, `*`, `#`, `|`.
    private static func breaksSentence(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ";"), 0x0A, UInt8(ascii: "\""),
            UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "*"),
            UInt8(ascii: "#"), UInt8(ascii: "|"):
            true
        default: false
        }
    }

    /// U+200B–U+200D, U+2060, U+FEFF and U+00AD: bytes to drop without breaking the word.
    private static func invisibleLength(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        let byte = bytes[index]
        if byte == 0xC2, bytes.byte(at: index + 1) == 0xAD { return 2 }
        if byte == 0xE2, bytes.byte(at: index + 1) == 0x80, (0x8B...0x8D).contains(bytes.byte(at: index + 2)) { return 3 }
        if byte == 0xE2, bytes.byte(at: index + 1) == 0x81, bytes.byte(at: index + 2) == 0xA0 { return 3 }
        if byte == 0xEF, bytes.byte(at: index + 1) == 0xBB, bytes.byte(at: index + 2) == 0xBF { return 3 }
        return 0
    }

    /// U+2019, the apostrophe of typeset text.
    private static func isRightQuote(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        bytes[index] == 0xE2 && bytes.byte(at: index + 1) == 0x80 && bytes.byte(at: index + 2) == 0x99
    }

    /// The word with leetspeak undone when it has letters; numbers stay numbers.
    private static func spelled(_ bytes: [UInt8]) -> String {
        guard bytes.contains(where: \.isASCIILetter), bytes.contains(where: { !$0.isASCIILetter && $0 < 0x80 }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let mapped = bytes.map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "0"): UInt8(ascii: "o")
            case UInt8(ascii: "1"): UInt8(ascii: "i")
            case UInt8(ascii: "3"): UInt8(ascii: "e")
            case UInt8(ascii: "4"), UInt8(ascii: "@"): UInt8(ascii: "a")
            case UInt8(ascii: "5"), UInt8(ascii: "$"): UInt8(ascii: "s")
            case UInt8(ascii: "7"): UInt8(ascii: "t")
            default: byte
            }
        }
        return String(decoding: mapped, as: UTF8.self)
    }
}
