import Foundation

extension JSONScanner {
    /// The offset of the first `"` at or after `from`, found with memchr: megabytes of base64
    /// without a quote are skipped at memory speed.
    static func firstQuote(in bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard from < bytes.count, let base = bytes.baseAddress,
            let hit = memchr(base + from, Int32(UInt8(ascii: "\"")), bytes.count - from)
        else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// Whether `bytes` holds `needle` at `offset`.
    static func matches(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        bytes.count - offset >= needle.count && bytes[offset..<(offset + needle.count)].elementsEqual(needle)
    }
}
