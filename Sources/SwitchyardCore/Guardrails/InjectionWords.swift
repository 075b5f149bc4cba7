/// A text as the prompt-injection rules read it: a list of lower-case words with where each
/// came from, whatever disguise the text wore.
///
/// Case is folded, zero-width characters and soft hyphens vanish (they may sit inside a word
/// to split it), apostrophes join (`you're` reads `youre`), and in a word that has letters,
/// leetspeak digits and signs become letters (`1gn0r3` reads `ignore`, `4ll` reads `all`).
/// Every other byte separates words; `.`, `!`, `?`, `:`, `;`, a newline or an opening bracket
/// or quote also starts a new sentence, and rules never match across one.
///
/// The words' spellings lie one after another in one buffer, and a word is a pair of ranges:
/// reading a text allocates two arrays, whatever its length.
struct InjectionWords {
    struct Word {
        /// UTF-8 offsets in the original text.
        var range: Range<Int>
        /// Where the word's folded spelling lies in `spellings`.
        var spelling: Range<Int>
        var startsSentence: Bool
        /// Two or more letters, all upper case as written (`DAN`, not `Dan`).
        var allCaps: Bool
    }

    private(set) var words: [Word] = []
    /// Every word's spelling: lower case, invisible characters and apostrophes dropped,
    /// leetspeak undone.
    private(set) var spellings: [UInt8] = []

    init(_ text: String) {
        text.withUTF8Bytes { bytes in read(bytes) }
    }

    /// The folded spelling of word `index`.
    func spelling(_ index: Int) -> ArraySlice<UInt8> {
        spellings[words[index].spelling]
    }

    /// Whether word `index` exists and is spelled `spelling` (lower case).
    func word(_ index: Int, is spelling: StaticString) -> Bool {
        guard index >= 0, index < words.count else { return false }
        let expected = UnsafeBufferPointer(start: spelling.utf8Start, count: spelling.utf8CodeUnitCount)
        return self.spelling(index).elementsEqual(expected)
    }

    /// Whether word `index` exists and is one of `set`.
    func word(_ index: Int, isIn set: InjectionWordSet) -> Bool {
        index >= 0 && index < words.count && set.contains(spelling(index))
    }

    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) {
        words.reserveCapacity(bytes.count / 5)
        spellings = [UInt8](unsafeUninitializedCapacity: bytes.count) { folded, written in
            written = readWords(bytes, into: folded)
        }
    }

    /// Reads the words of `bytes`, writing their spellings into `folded`; returns how many
    /// bytes it wrote.
    private mutating func readWords(_ bytes: UnsafeBufferPointer<UInt8>, into folded: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var written = 0
        var wordStart = 0
        var spellingStart = 0
        var end = 0
        var upper = 0
        var lower = 0
        // Letters and leetspeak signs (digits, `@`, `$`) seen in the current word.
        var letters = false
        var signs = false
        var sentence = true
        var index = 0
        let byteKinds = Self.byteKinds
        func finish() {
            guard written > spellingStart else { return }
            if letters && signs { Self.undoLeetspeak(folded, spellingStart..<written) }
            words.append(Word(range: wordStart..<end, spelling: spellingStart..<written, startsSentence: sentence, allCaps: upper >= 2 && lower == 0))
            spellingStart = written
            upper = 0
            lower = 0
            letters = false
            signs = false
            sentence = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            let kind = byteKinds[Int(byte)]
            if kind & Self.special != 0 {
                // Only a few non-ASCII lead bytes can start an invisible character.
                let invisible = Self.invisibleLength(bytes, index)
                if invisible > 0 {
                    index += invisible
                    continue
                }
                let apostrophe = byte == UInt8(ascii: "'") ? 1 : (Self.isRightQuote(bytes, index) ? 3 : 0)
                if apostrophe > 0, written > spellingStart, bytes.byte(at: index + apostrophe).isASCIILetter {
                    index += apostrophe
                    continue
                }
            }
            if kind & Self.wordByte != 0 {
                if written == spellingStart { wordStart = index }
                if kind & Self.upperCase != 0 {
                    upper += 1
                    letters = true
                } else if kind & Self.lowerCase != 0 {
                    lower += 1
                    letters = true
                } else if kind & Self.sign != 0 {
                    signs = true
                }
                folded[written] = byte.asciiLowercased
                written += 1
                end = index + 1
            } else {
                finish()
                if kind & Self.breaksSentence != 0 { sentence = true }
            }
            index += 1
        }
        finish()
        return written
    }

    // MARK: Byte classes

    private static let wordByte: UInt8 = 1
    private static let upperCase: UInt8 = 2
    private static let lowerCase: UInt8 = 4
    /// A digit, `@` or `$`: read as a letter inside a word that has letters.
    private static let sign: UInt8 = 8
    /// `.`, `!`, `?`, `:`, `;`, a newline, an opening bracket or quote, `<`, `>`, `*`, `#`, `|`.
    private static let breaksSentence: UInt8 = 16
    /// `'` and the lead bytes of U+00AD, U+200B–U+200D, U+2019, U+2060 and U+FEFF.
    private static let special: UInt8 = 32

    /// The classes of each byte value.
    private static let byteKinds: [UInt8] = (0...255).map { value in
        let byte = UInt8(value)
        var kind: UInt8 = 0
        if byte.isASCIIAlnum || byte >= 0x80 || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "$") { kind |= wordByte }
        if byte.isASCIIUpper { kind |= upperCase }
        if byte.isASCIILower { kind |= lowerCase }
        if byte.isASCIIDigit || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "$") { kind |= sign }
        if Array(".!?:;\n\"([{<>*#|".utf8).contains(byte) { kind |= breaksSentence }
        if byte == UInt8(ascii: "'") || byte == 0xC2 || byte == 0xE2 || byte == 0xEF { kind |= special }
        return kind
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

    /// Leetspeak undone in a spelling that has letters; numbers stay numbers.
    private static func undoLeetspeak(_ folded: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) {
        for index in range {
            switch folded[index] {
            case UInt8(ascii: "0"): folded[index] = UInt8(ascii: "o")
            case UInt8(ascii: "1"): folded[index] = UInt8(ascii: "i")
            case UInt8(ascii: "3"): folded[index] = UInt8(ascii: "e")
            case UInt8(ascii: "4"), UInt8(ascii: "@"): folded[index] = UInt8(ascii: "a")
            case UInt8(ascii: "5"), UInt8(ascii: "$"): folded[index] = UInt8(ascii: "s")
            case UInt8(ascii: "7"): folded[index] = UInt8(ascii: "t")
            default: break
            }
        }
    }
}
