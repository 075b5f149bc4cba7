import SwitchyardCore

extension JSONKind {
    /// The kind a JSON value's first and last bytes announce, nil for anything else.
    ///
    /// Independent of the scanner, so a member whose recorded kind disagrees with its bytes
    /// shows a range that is off by some bytes.
    init?(delimiting value: UnsafeRawBufferPointer) {
        guard let first = value.first, let last = value.last else { return nil }
        switch (first, last) {
        case (UInt8(ascii: "{"), UInt8(ascii: "}")): self = .object
        case (UInt8(ascii: "["), UInt8(ascii: "]")): self = .array
        case (UInt8(ascii: "\""), UInt8(ascii: "\"")) where value.count >= 2: self = .string
        case (UInt8(ascii: "t"), UInt8(ascii: "e")), (UInt8(ascii: "f"), UInt8(ascii: "e")): self = .bool
        case (UInt8(ascii: "n"), UInt8(ascii: "l")): self = .null
        case (UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9")),
            (UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "0")...UInt8(ascii: "9")):
            self = .number
        default: return nil
        }
    }
}
