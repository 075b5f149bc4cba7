extension AWSEventStreamMessage {
    /// The message in wire form, with both checksums: what a fake Bedrock upstream sends and
    /// what tests feed the decoder.
    public func encoded() -> [UInt8] {
        var headerBytes: [UInt8] = []
        for header in headers {
            let name = Array(header.name.utf8.prefix(255))
            headerBytes.append(UInt8(name.count))
            headerBytes += name
            header.value.append(to: &headerBytes)
        }
        let totalLength = AWSEventStreamDecoder.minimumMessageLength + headerBytes.count + payload.count
        var bytes = Self.bigEndian(UInt64(totalLength), width: 4) + Self.bigEndian(UInt64(headerBytes.count), width: 4)
        bytes += Self.bigEndian(UInt64(CRC32.checksum(bytes)), width: 4)
        bytes += headerBytes
        bytes += payload
        bytes += Self.bigEndian(UInt64(CRC32.checksum(bytes)), width: 4)
        return bytes
    }

    static func bigEndian(_ value: UInt64, width: Int) -> [UInt8] {
        (0..<width).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }
}

extension AWSEventStreamHeader.Value {
    fileprivate func append(to bytes: inout [UInt8]) {
        switch self {
        case .bool(let value): bytes.append(value ? 0 : 1)
        case .byte(let value): bytes += [2, UInt8(bitPattern: value)]
        case .int16(let value): bytes += [3] + AWSEventStreamMessage.bigEndian(UInt64(UInt16(bitPattern: value)), width: 2)
        case .int32(let value): bytes += [4] + AWSEventStreamMessage.bigEndian(UInt64(UInt32(bitPattern: value)), width: 4)
        case .int64(let value): bytes += [5] + AWSEventStreamMessage.bigEndian(UInt64(bitPattern: value), width: 8)
        case .bytes(let value):
            bytes += [6] + AWSEventStreamMessage.bigEndian(UInt64(value.count), width: 2) + value
        case .string(let value):
            let utf8 = Array(value.utf8)
            bytes += [7] + AWSEventStreamMessage.bigEndian(UInt64(utf8.count), width: 2) + utf8
        case .timestamp(let value): bytes += [8] + AWSEventStreamMessage.bigEndian(UInt64(bitPattern: value), width: 8)
        case .uuid(let value): bytes += [9] + value.prefix(16) + [UInt8](repeating: 0, count: max(0, 16 - value.count))
        }
    }
}
