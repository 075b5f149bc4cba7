#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An embedding as written on the wire: a JSON array of numbers, or (with
/// `encoding_format: base64`) base64 of the vector's little-endian float32 bytes.
public enum EmbeddingVector: Sendable, Hashable {
    case floats([Float])
    case base64(String)

    /// The base64 form of `floats`, byte for byte what OpenAI sends.
    public static func base64(encoding floats: [Float]) -> EmbeddingVector {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(floats.count * 4)
        for value in floats {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return .base64(Data(bytes).base64EncodedString())
    }

    /// The numbers of the vector, decoding the base64 form; nil when that is not valid base64
    /// of whole float32 values.
    public var floatValues: [Float]? {
        switch self {
        case .floats(let values):
            return values
        case .base64(let text):
            guard let data = Data(base64Encoded: text), data.count % 4 == 0 else { return nil }
            let bytes = [UInt8](data)
            return stride(from: 0, to: bytes.count, by: 4).map { start in
                let bits = UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8
                    | UInt32(bytes[start + 2]) << 16 | UInt32(bytes[start + 3]) << 24
                return Float(bitPattern: bits)
            }
        }
    }
}

extension EmbeddingVector: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .base64(text)
        } else {
            self = .floats(try container.decode([Float].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .floats(let values): try container.encode(values)
        case .base64(let text): try container.encode(text)
        }
    }
}
