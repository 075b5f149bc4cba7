import Foundation

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

extension UnsafeBufferPointer<UInt8> {
    /// Whether `byte` occurs, found with memchr.
    func contains(byte: UInt8) -> Bool {
        firstIndex(of: byte, from: 0) != nil
    }

    /// The first `byte` at or after `start`, found with memchr.
    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard start >= 0, start < count, let base = baseAddress, let hit = memchr(base + start, Int32(byte), count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether an ASCII digit occurs: the prefilter of the number-shaped detectors. Eight
    /// bytes at a time: prose has no digit, and this runs over every byte of it.
    func containsASCIIDigit() -> Bool {
        var index = 0
        if let base = baseAddress.map(UnsafeRawPointer.init) {
            while index + 8 <= count {
                if UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self)).lanes(strictlyBetween: 0x2F, and: 0x3A) != 0 { return true }
                index += 8
            }
        }
        while index < count {
            if self[index].isASCIIDigit { return true }
            index += 1
        }
        return false
    }

    /// Whether `length` bytes in a row satisfy `predicate`. It looks at the last byte a run
    /// starting at `start` would need first: when that byte fails, no run can start before
    /// it, so the search jumps past it. In prose, where runs are words, it reads about one
    /// byte in four.
    func hasRun(of length: Int, where predicate: (UInt8) -> Bool) -> Bool {
        guard length > 0 else { return true }
        var start = 0
        while start + length <= count {
            var probe = start + length - 1
            // From the far end back, the first failing byte decides where to go on from.
            while probe >= start, predicate(self[probe]) { probe -= 1 }
            if probe < start { return true }
            start = probe + 1
        }
        return false
    }
}
