/// Reads the header section of an event-stream message: `name length (1) | name | type (1) |
/// value`, repeated.
enum AWSEventStreamHeaderParser {
    static func parse(_ bytes: ArraySlice<UInt8>) throws(AWSEventStreamError) -> [AWSEventStreamHeader] {
        var reader = Reader(bytes: bytes)
        var headers: [AWSEventStreamHeader] = []
        while !reader.isAtEnd {
            let nameLength = Int(try reader.byte())
            guard let name = String(validating: try reader.take(nameLength), as: UTF8.self) else {
                throw AWSEventStreamError(.invalidHeader, "a header name is not UTF-8")
            }
            let type = try reader.byte()
            headers.append(AWSEventStreamHeader(name: name, value: try value(ofType: type, named: name, from: &reader)))
        }
        return headers
    }

    private static func value(
        ofType type: UInt8,
        named name: String,
        from reader: inout Reader
    ) throws(AWSEventStreamError) -> AWSEventStreamHeader.Value {
        switch type {
        case 0: return .bool(true)
        case 1: return .bool(false)
        case 2: return .byte(Int8(bitPattern: try reader.byte()))
        case 3: return .int16(Int16(bitPattern: UInt16(try reader.integer(2))))
        case 4: return .int32(Int32(bitPattern: UInt32(try reader.integer(4))))
        case 5: return .int64(Int64(bitPattern: try reader.integer(8)))
        case 6: return .bytes(Array(try reader.take(Int(try reader.integer(2)))))
        case 7:
            guard let text = String(validating: try reader.take(Int(try reader.integer(2))), as: UTF8.self) else {
                throw AWSEventStreamError(.invalidHeader, "header `\(name)` is not UTF-8")
            }
            return .string(text)
        case 8: return .timestamp(Int64(bitPattern: try reader.integer(8)))
        case 9: return .uuid(Array(try reader.take(16)))
        default: throw AWSEventStreamError(.invalidHeader, "header `\(name)` has unknown type \(type)")
        }
    }

    private struct Reader {
        var bytes: ArraySlice<UInt8>

        var isAtEnd: Bool { bytes.isEmpty }

        mutating func take(_ count: Int) throws(AWSEventStreamError) -> ArraySlice<UInt8> {
            guard count <= bytes.count else {
                throw AWSEventStreamError(.invalidHeader, "a header runs past the end of the header section")
            }
            let taken = bytes.prefix(count)
            bytes = bytes.dropFirst(count)
            return taken
        }

        mutating func byte() throws(AWSEventStreamError) -> UInt8 {
            UInt8(try integer(1))
        }

        mutating func integer(_ width: Int) throws(AWSEventStreamError) -> UInt64 {
            try take(width).reduce(0) { $0 << 8 | UInt64($1) }
        }
    }
}
