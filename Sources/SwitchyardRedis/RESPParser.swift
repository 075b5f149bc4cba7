import NIOCore

/// Reads RESP2 replies from bytes as they arrive: a reply split across chunks at any byte is
/// read once all of it is there. Chunk boundaries mean nothing.
public struct RESPParser: Sendable {
    /// Replies nest (arrays of arrays); deeper than this is refused as hostile.
    static let maxDepth = 32
    /// Bulk strings longer than Redis's own limit (512 MB) are refused.
    static let maxBulkLength = 512 * 1024 * 1024

    public init() {}

    /// The next whole reply at the front of `buffer`, consumed; nil (and nothing consumed)
    /// while it is incomplete. Bytes that are not RESP are an error.
    public mutating func next(_ buffer: inout ByteBuffer) throws(RedisError) -> RESPValue? {
        var view = buffer
        guard let value = try Self.value(&view, depth: 0) else { return nil }
        buffer = view
        return value
    }

    private static func value(_ buffer: inout ByteBuffer, depth: Int) throws(RedisError) -> RESPValue? {
        guard depth < maxDepth else { throw RedisError("reply nested deeper than \(maxDepth)") }
        guard let type = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return nil }
        var rest = buffer
        rest.moveReaderIndex(forwardBy: 1)
        guard let line = try Self.line(&rest) else { return nil }
        let value: RESPValue
        switch type {
        case UInt8(ascii: "+"): value = .simpleString(line)
        case UInt8(ascii: "-"): value = .error(line)
        case UInt8(ascii: ":"): value = .integer(try integer(line))
        case UInt8(ascii: "$"):
            let length = try integer(line)
            if length == -1 {
                value = .bulkString(nil)
                break
            }
            guard length >= 0, length <= maxBulkLength else { throw RedisError("bulk string length \(length)") }
            guard rest.readableBytes >= length + 2 else { return nil }
            let bytes = rest.readSlice(length: length)
            guard rest.readInteger(as: UInt8.self) == 13, rest.readInteger(as: UInt8.self) == 10 else {
                throw RedisError("bulk string not ended by CRLF")
            }
            value = .bulkString(bytes)
        case UInt8(ascii: "*"):
            let count = try integer(line)
            if count == -1 {
                value = .array(nil)
                break
            }
            guard count >= 0, count <= 1 << 20 else { throw RedisError("array length \(count)") }
            var items: [RESPValue] = []
            items.reserveCapacity(min(count, 1024))
            for _ in 0..<count {
                guard let item = try Self.value(&rest, depth: depth + 1) else { return nil }
                items.append(item)
            }
            value = .array(items)
        default:
            throw RedisError("unexpected reply type byte \(type)")
        }
        buffer = rest
        return value
    }

    /// The text up to the next CRLF, consumed with it; nil when the CRLF has not arrived.
    private static func line(_ buffer: inout ByteBuffer) throws(RedisError) -> String? {
        guard let end = buffer.readableBytesView.firstIndex(of: 13) else {
            guard buffer.readableBytes < 64 * 1024 else { throw RedisError("reply line over 64 KiB") }
            return nil
        }
        let length = end - buffer.readerIndex
        guard buffer.readableBytes > length + 1 else { return nil }
        guard buffer.getInteger(at: end + 1, as: UInt8.self) == 10 else { throw RedisError("CR not followed by LF") }
        let text = buffer.readString(length: length) ?? ""
        buffer.moveReaderIndex(forwardBy: 2)
        return text
    }

    private static func integer(_ text: String) throws(RedisError) -> Int {
        guard let value = Int(text) else { throw RedisError("not an integer: \(text.prefix(32))") }
        return value
    }
}
