extension String {
    /// Runs `body` over the string's UTF-8 bytes without copying them when the string is
    /// already contiguous (native strings are), else over a copy.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        let bytes = Array(utf8)
        return bytes.withUnsafeBufferPointer(body)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The byte at `index`, or 0 outside the buffer, so boundary checks need no bounds tests.
    @inline(__always)
    func byte(at index: Int) -> UInt8 {
        index >= 0 && index < count ? self[index] : 0
    }

    /// Whether `needle` (ASCII) starts at `index`, comparing case-insensitively when asked.
    func matches(_ needle: StaticString, at index: Int, ignoringCase: Bool = false) -> Bool {
        let length = needle.utf8CodeUnitCount
        guard index >= 0, index + length <= count else { return false }
        let pointer = needle.utf8Start
        for offset in 0..<length {
            let expected = pointer[offset]
            let actual = self[index + offset]
            if ignoringCase ? actual.asciiLowercased != expected.asciiLowercased : actual != expected { return false }
        }
        return true
    }

    /// Calls `body` with each maximal run of bytes satisfying `predicate`: the words, tokens
    /// or keys of a text, each visited once.
    func forEachRun(where predicate: (UInt8) -> Bool, _ body: (Range<Int>) -> Void) {
        var index = 0
        while index < count {
            guard predicate(self[index]) else {
                index += 1
                continue
            }
            let end = runEnd(from: index, where: predicate)
            body(index..<end)
            index = end
        }
    }

    /// The end of the run of bytes satisfying `predicate` that starts at `start`.
    func runEnd(from start: Int, where predicate: (UInt8) -> Bool) -> Int {
        var end = start
        while end < count, predicate(self[end]) { end += 1 }
        return end
    }
}
