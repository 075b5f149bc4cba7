/// ASCII byte classes for the hand-written scanners; bytes ≥ 0x80 are in none of them.
extension UInt8 {
    var isASCIIDigit: Bool { self &- 0x30 < 10 }
    var isASCIIUpper: Bool { self &- 0x41 < 26 }
    var isASCIILower: Bool { self &- 0x61 < 26 }
    var isASCIILetter: Bool { (self | 0x20) &- 0x61 < 26 }
    var isASCIIAlnum: Bool { isASCIIDigit || isASCIILetter }
    var isASCIIHex: Bool { isASCIIDigit || (self | 0x20) &- 0x61 < 6 }
    /// Letters, digits, `_` and `-`: the alphabet of API keys and tokens.
    var isTokenByte: Bool { isASCIIAlnum || self == UInt8(ascii: "_") || self == UInt8(ascii: "-") }
    /// The base64url alphabet (JWT segments).
    var isBase64URLByte: Bool { isTokenByte }
    var asciiLowercased: UInt8 { isASCIIUpper ? self | 0x20 : self }
    /// Whether this byte continues a word for boundary checks: ASCII letters and digits, and
    /// any byte of a non-ASCII character (so `é1234` is not a number at a word start).
    var isWordByte: Bool { isASCIIAlnum || self >= 0x80 }
}
