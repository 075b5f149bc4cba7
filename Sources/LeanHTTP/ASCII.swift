/// Byte-level checks on header names, values and URLs, kept off Foundation so the hot path stays allocation-free.
enum ASCII {
    /// Whether `a` and `b` are equal when ASCII letters are folded to lower case.
    static func caseInsensitiveEquals(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil):
                return true
            case (let x?, let y?):
                if x != y && lower(x) != lower(y) { return false }
            default:
                return false
            }
        }
    }

    static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte | 0x20 : byte
    }

    /// Whether `string` is a non-empty RFC 9110 token, as methods and header names must be:
    /// anything else could smuggle a second request line or header into the stream.
    static func isToken(_ string: some StringProtocol) -> Bool {
        var sawByte = false
        for byte in string.utf8 {
            sawByte = true
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                continue
            case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
                UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
                continue
            default:
                return false
            }
        }
        return sawByte
    }

    /// Whether `string` can be sent as a header value: CR, LF and NUL would end the header early.
    static func isValidHeaderValue(_ string: String) -> Bool {
        let fast = string.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
        }
        if let fast { return fast }
        return !string.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }

    /// Whether `string` contains `token` as a comma-separated element, ignoring case and spaces
    /// (as in `Connection: keep-alive, close`).
    static func listContains(_ string: String, token: String) -> Bool {
        for element in string.utf8.split(separator: UInt8(ascii: ",")) {
            var start = element.startIndex
            var end = element.endIndex
            while start < end, element[start] == UInt8(ascii: " ") || element[start] == UInt8(ascii: "\t") {
                start = element.index(after: start)
            }
            while end > start {
                let before = element.index(before: end)
                guard element[before] == UInt8(ascii: " ") || element[before] == UInt8(ascii: "\t") else { break }
                end = before
            }
            if caseInsensitiveEquals(Substring(element[start..<end]), token) { return true }
        }
        return false
    }
}
