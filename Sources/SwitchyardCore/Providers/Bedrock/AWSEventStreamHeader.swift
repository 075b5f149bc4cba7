/// A named, typed header of an event-stream message.
public struct AWSEventStreamHeader: Sendable, Hashable {
    public var name: String
    public var value: Value

    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }

    /// A header value; the case fixes the wire type byte (0…9).
    public enum Value: Sendable, Hashable {
        /// Types 0 (true) and 1 (false).
        case bool(Bool)
        /// Type 2.
        case byte(Int8)
        /// Type 3.
        case int16(Int16)
        /// Type 4.
        case int32(Int32)
        /// Type 5.
        case int64(Int64)
        /// Type 6, with a 2-byte length.
        case bytes([UInt8])
        /// Type 7, UTF-8 with a 2-byte length.
        case string(String)
        /// Type 8, milliseconds since 1970.
        case timestamp(Int64)
        /// Type 9, 16 bytes.
        case uuid([UInt8])
    }
}
