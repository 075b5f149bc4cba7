#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
        matches(Array(ascii.utf8), at: offset)
    }

    /// Whether the bytes at `offset` are exactly `expected`.
    func matches(_ expected: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + expected.count <= count else { return false }
        return zip(self[offset..<(offset + expected.count)], expected).allSatisfy { $0 == $1 }
    }

    /// The offset of the first occurrence of `pattern` at or after `start`, if any.
    func firstOffset(of pattern: [UInt8], from start: Int = 0) -> Int? {
        guard let first = pattern.first, let base = baseAddress, pattern.count <= count else { return nil }
        var index = Swift.max(start, 0)
        let last = count - pattern.count
        return pattern.withUnsafeBytes { wanted -> Int? in
            while index <= last {
                // memchr and memcmp: large uploads are scanned at memory speed, even in debug builds.
                guard let hit = memchr(base + index, Int32(first), last - index + 1) else { return nil }
                let offset = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + offset, wanted.baseAddress!, pattern.count) == 0 { return offset }
                index = offset + 1
            }
            return nil
        }
    }
}
