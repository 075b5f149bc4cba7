import SwitchyardCore

/// Rewrites the prelude and message checksums of every message the length fields frame.
///
/// A random mutation almost never keeps a CRC-32 right, so without this the fuzzer would
/// spend its time on checksum errors and never reach the header parser or the Bedrock events.
enum EventStreamChecksumRepair {
    static func repaired(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        var start = 0
        while bytes.count - start >= 12 {
            let totalLength = bytes[start..<(start + 4)].reduce(0) { $0 << 8 | Int($1) }
            write(CRC32.checksum(bytes[start..<(start + 8)]), into: &bytes, at: start + 8)
            guard totalLength >= 16, bytes.count - start >= totalLength else { break }
            write(CRC32.checksum(bytes[start..<(start + totalLength - 4)]), into: &bytes, at: start + totalLength - 4)
            start += totalLength
        }
        return bytes
    }

    private static func write(_ value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        for index in 0..<4 {
            bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(index)))
        }
    }
}
