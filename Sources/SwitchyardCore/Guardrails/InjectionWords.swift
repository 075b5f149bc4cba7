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
        /// UTF-8 offsets in the original text (32 bits: a word is read and written once per
        /// byte of the prompt, and half the size is half the memory traffic).
        private var start, end: Int32
        /// Where the word's folded spelling lies in `spellings`.
        private var spellingStart, spellingEnd: Int32
        var startsSentence: Bool
        /// Two or more letters, all upper case as written (`DAN`, not `Dan`).
        var allCaps: Bool
        /// Its spelling's first and last bytes and length fit the `startShapes` it was read
        /// with: it may start a rule. A flag, not a list: a list grows as it is written.
        var fitsStartShape: Bool

        init(range: Range<Int>, spelling: Range<Int>, startsSentence: Bool, allCaps: Bool, fitsStartShape: Bool) {
            start = Int32(truncatingIfNeeded: range.lowerBound)
            end = Int32(truncatingIfNeeded: range.upperBound)
            spellingStart = Int32(truncatingIfNeeded: spelling.lowerBound)
            spellingEnd = Int32(truncatingIfNeeded: spelling.upperBound)
            self.startsSentence = startsSentence
            self.allCaps = allCaps
            self.fitsStartShape = fitsStartShape
        }

        var range: Range<Int> { Int(start)..<Int(end) }
        var spelling: Range<Int> { Int(spellingStart)..<Int(spellingEnd) }
        var spellingCount: Int { Int(spellingEnd - spellingStart) }
    }

    private(set) var words: [Word] = []
    /// Every word's spelling: lower case, invisible characters and apostrophes dropped,
    /// leetspeak undone.
    private(set) var spellings: [UInt8] = []

    /// Reads `text`; texts are request bodies, far below the 2 GiB that 32-bit offsets hold.
    /// `startShapes`, when given, has for each `shapeSlot` of a spelling's first and last
    /// bytes a bit per spelling length (up to 63): the words that fit are marked
    /// `fitsStartShape` as they are read.
    init(_ text: String, startShapes: [UInt64] = []) {
        text.withUTF8Bytes { bytes in read(bytes, startShapes: startShapes) }
    }

    /// Where a spelling's first and last bytes fall in a `startShapes` table of 1024 entries:
    /// five bits of each, which tell lower-case letters apart.
    static func shapeSlot(first: UInt8, last: UInt8) -> Int {
        Int(first & 0x1F) << 5 | Int(last & 0x1F)
    }

    /// The folded spelling of word `index`.
    func spelling(_ index: Int) -> ArraySlice<UInt8> {
        spellings[words[index].spelling]
    }

    /// The first byte of word `index`'s spelling (never empty).
    func firstByte(_ index: Int) -> UInt8 {
        spellings[words[index].spelling.lowerBound]
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

    /// Reads every word of `bytes` in one pass. Both arrays are sized once: a spelling is no
    /// longer than its text, and words need a byte between them, so there are at most
    /// (count + 1) / 2.
    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, startShapes: [UInt64]) {
        var words: [Word] = []
        spellings = [UInt8](unsafeUninitializedCapacity: bytes.count) { folded, written in
            words = [Word](unsafeUninitializedCapacity: (bytes.count + 1) / 2) { found, wordCount in
                (written, wordCount) = Self.readWords(bytes, folded: folded, words: found, startShapes: startShapes)
            }
        }
        self.words = words
    }

    /// Reads the words of `bytes`, writing their spellings into `folded` and the words into
    /// `found` (marking those that fit `startShapes`); returns how many of each it wrote.
    private static func readWords(
        _ bytes: UnsafeBufferPointer<UInt8>, folded: UnsafeMutableBufferPointer<UInt8>, words found: UnsafeMutableBufferPointer<Word>,
        startShapes: [UInt64]
    ) -> (spelled: Int, words: Int) {
        let byteKinds = Self.byteKinds
        guard let base = bytes.baseAddress, let spelled = folded.baseAddress else { return (0, 0) }
        var written = 0
        var wordCount = 0
        var sentence = true
        var index = 0
        let count = bytes.count
        while index < count {
            let kind = byteKinds[Int(bytes[index])]
            if kind & special != 0 {
                // Only a few non-ASCII lead bytes can start an invisible character.
                let invisible = invisibleLength(bytes, index)
                if invisible > 0 {
                    index += invisible
                    continue
                }
            }
            guard kind & wordByte != 0 else {
                if kind & breaksSentence != 0 { sentence = true }
                index += 1
                continue
            }
            // A word: its bytes, folded, until a byte that is not part of it.
            let wordStart = index
            let spellingStart = written
            var end = index
            // The classes of every byte of the word, or-ed together.
            var seen: UInt8 = 0
            while index < count {
                // Most bytes of prose are lower-case letters: copied as they are, eight at a
                // time while eight remain (a word's run of them in one step).
                if index &+ 8 <= count {
                    let chunk = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    let run = chunk.leadingLowerCaseBytes
                    if run > 0 {
                        // `written` ≤ `index`, so the eight bytes fit in `folded`.
                        UnsafeMutableRawPointer(spelled + written).storeBytes(of: chunk.littleEndian, as: UInt64.self)
                        written &+= run
                        index &+= run
                        end = index
                        seen |= lowerCase
                        continue
                    }
                }
                let byte = bytes[index]
                if byte.isASCIILower {
                    folded[written] = byte
                    written &+= 1
                    index &+= 1
                    end = index
                    seen |= lowerCase
                    continue
                }
                let kind = byteKinds[Int(byte)]
                if kind & special != 0 {
                    let invisible = invisibleLength(bytes, index)
                    if invisible > 0 {
                        index += invisible
                        continue
                    }
                    let apostrophe = byte == UInt8(ascii: "'") ? 1 : (isRightQuote(bytes, index) ? 3 : 0)
                    if apostrophe > 0, written > spellingStart, bytes.byte(at: index + apostrophe).isASCIILetter {
                        index += apostrophe
                        continue
                    }
                }
                guard kind & wordByte != 0 else { break }
                seen |= kind
                // An upper-case letter gains 0x20; its class bit, shifted, is exactly that.
                folded[written] = byte | (kind & upperCase) << 4
                written += 1
                index += 1
                end = index
            }
            if seen & sign != 0 && seen & (upperCase | lowerCase) != 0 { undoLeetspeak(folded, spellingStart..<written) }
            // Two or more capitals and no small letter; capitals are counted only when there is none.
            let allCaps = seen & lowerCase == 0 && seen & upperCase != 0 && capitals(bytes, wordStart..<end) >= 2
            let fits = !startShapes.isEmpty
                && startShapes[shapeSlot(first: spelled[spellingStart], last: spelled[written - 1])] & (1 << UInt64(min(written - spellingStart, 63))) != 0
            found.initializeElement(
                at: wordCount,
                to: Word(range: wordStart..<end, spelling: spellingStart..<written, startsSentence: sentence, allCaps: allCaps, fitsStartShape: fits)
            )
            wordCount += 1
            sentence = false
        }
        return (written, wordCount)
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

    /// How many ASCII capitals `range` of `bytes` holds.
    private static func capitals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        for index in range where bytes[index].isASCIIUpper { count += 1 }
        return count
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
