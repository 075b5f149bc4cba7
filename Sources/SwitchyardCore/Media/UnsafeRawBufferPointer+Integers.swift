extension UnsafeRawBufferPointer {
    /// The unsigned integer of `width` bytes at `offset`, most significant byte first; nil past the end.
    func bigEndian(at offset: Int, width: Int) -> UInt64? {
        guard offset >= 0, width <= 8, offset + width <= count else { return nil }
        var value: UInt64 = 0
        for index in offset..<(offset + width) { value = value << 8 | UInt64(self[index]) }
        return value
    }

    /// The unsigned integer of `width` bytes at `offset`, least significant byte first; nil past the end.
    func littleEndian(at offset: Int, width: Int) -> UInt64? {
        guard offset >= 0, width <= 8, offset + width <= count else { return nil }
        var value: UInt64 = 0
        for index in (offset..<(offset + width)).reversed() { value = value << 8 | UInt64(self[index]) }
        return value
    }

    /// Whether the bytes at `offset` are exactly `ascii`.
    func matches(_ ascii: String, at offset: Int) -> Bool {
        let expected = ascii.utf8
        guard offset >= 0, offset + expected.count <= count else { return false }
        return zip(self[offset..<(offset + expected.count)], expected).allSatisfy { $0 == $1 }
    }

    /// The offset of the first occurrence of `pattern` at or after `start`, if any.
    func firstOffset(of pattern: [UInt8], from start: Int = 0) -> Int? {
        guard let first = pattern.first, pattern.count <= count else { return nil }
        var index = Swift.max(start, 0)
        let last = count - pattern.count
        while index <= last {
            if self[index] == first {
                var matched = true
                for offset in 1..<pattern.count where self[index + offset] != pattern[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
