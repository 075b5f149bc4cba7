import Testing

@testable import SwitchyardCore

/// The eight-bytes-at-once tests the guardrail scanners use, against a byte-by-byte answer for
/// every byte value in every lane, next to neighbours that would carry or borrow into it.
@Suite struct ByteLanesTests {
    @Test func lanesMatchAByteLoopForEveryValueInEveryLane() {
        let ranges: [(low: UInt8, high: UInt8)] = [(0x2F, 0x3A), (0x60, 0x7B), (0x40, 0x5B), (0x00, 0x80)]
        var mismatches: [String] = []
        for neighbour: UInt64 in [0x00, 0x7F, 0x80, 0xFF, 0x61] {
            let filled = neighbour &* 0x0101_0101_0101_0101
            for lane in 0..<UInt64(8) {
                for value in 0...UInt64(255) {
                    let word = filled & ~(0xFF << (8 * lane)) | value << (8 * lane)
                    for (low, high) in ranges {
                        let lanes = word.lanes(strictlyBetween: low, and: high)
                        for position in 0..<UInt64(8) {
                            let byte = UInt8(truncatingIfNeeded: word >> (8 * position))
                            if (lanes & (0x80 << (8 * position)) != 0) != (byte > low && byte < high) {
                                mismatches.append("\(String(word, radix: 16)) in (\(low), \(high)) at \(position)")
                            }
                        }
                        if lanes & ~0x8080_8080_8080_8080 != 0 { mismatches.append("\(String(word, radix: 16)): bits outside the high ones") }
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func leadingLowerCaseBytesCountsFromTheFirstByteInMemory() {
        let cases: [(String, Int)] = [
            ("abcdefgh", 8), ("abc defg", 3), ("Abcdefgh", 0), ("abcdefgH", 7), ("z{`a----", 1), ("ab\u{e9}cdef", 2),
        ]
        for (text, expected) in cases {
            let word = Array(text.utf8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
            #expect(word.leadingLowerCaseBytes == expected, "\(text)")
        }
    }
}
