/// A fixed set of lower-case words, looked up by a word's folded bytes
/// (`InjectionWords.spelling`) without making a String of them.
///
/// An open-addressed table of positions, probed from a hash of the bytes; a hit is confirmed
/// by comparing the bytes, so the answer is exact. A class: rule steps hold sets, and a step
/// copied while matching then retains one object rather than three arrays.
final class InjectionWordSet: Sendable, ExpressibleByArrayLiteral {
    /// The words, in the order given, duplicates dropped.
    let words: [String]
    private let spellings: [[UInt8]]
    /// Positions in `words`, -1 where empty; the count is a power of two.
    private let slots: [Int]

    init<Words: Sequence<String>>(_ words: Words) {
        var unique: [String] = []
        for word in words where !unique.contains(word) { unique.append(word) }
        self.words = unique
        spellings = unique.map { Array($0.utf8) }
        var capacity = 8
        while capacity < unique.count * 3 { capacity *= 2 }
        var slots = [Int](repeating: -1, count: capacity)
        for (position, spelling) in spellings.enumerated() {
            var slot = spelling.withUnsafeBufferPointer(Self.hash) & (capacity - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = position
        }
        self.slots = slots
    }

    convenience init(arrayLiteral words: String...) {
        self.init(words)
    }

    /// This set with `more` words added.
    func union(_ more: [String]) -> InjectionWordSet {
        InjectionWordSet(words + more)
    }

    /// The position in `words` of `spelling`, or nil when it is not in the set.
    func position(of spelling: ArraySlice<UInt8>) -> Int? {
        spelling.withUnsafeBufferPointer { position(of: $0) }
    }

    func position(of spelling: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(spelling) & mask
        while true {
            let position = slots[slot]
            if position < 0 { return nil }
            if spellings[position].withUnsafeBufferPointer({ $0.count == spelling.count && $0.elementsEqual(spelling) }) { return position }
            slot = (slot + 1) & mask
        }
    }

    func contains(_ spelling: ArraySlice<UInt8>) -> Bool {
        position(of: spelling) != nil
    }

    /// Length and the first and last two bytes: cheap, and enough to spread short words.
    private static func hash(_ spelling: UnsafeBufferPointer<UInt8>) -> Int {
        let count = spelling.count
        guard count > 0 else { return 0 }
        var value = UInt64(count)
        value = value &* 0x100 | UInt64(spelling[0])
        value = value &* 0x100 | UInt64(spelling[min(1, count - 1)])
        value = value &* 0x100 | UInt64(spelling[max(count - 2, 0)])
        value = value &* 0x100 | UInt64(spelling[count - 1])
        return Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> 40)
    }
}
