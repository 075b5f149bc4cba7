extension PIIDetector {
    /// IPv4 addresses: exactly four dot-separated octets 0–255 without leading zeros, not
    /// inside a longer dotted number, so `1.2.3` and `1.2.3.4.5` (versions) do not count.
    /// A four-part version such as `10.0.0.1` reads the same as an address and counts.
    static func ipv4Addresses(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [GuardrailFinding]) {
        var index = 0
        while index < bytes.count {
            guard bytes[index].isASCIIDigit, isNumberStart(bytes, index) else {
                index += 1
                continue
            }
            var position = index
            var octets = 0
            var valid = true
            while position < bytes.count {
                let end = bytes.runEnd(from: position) { $0.isASCIIDigit }
                let length = end - position
                guard length > 0 else { break }
                if length > 3 || (length > 1 && bytes[position] == UInt8(ascii: "0")) || (number(bytes, position, length) ?? 256) > 255 {
                    valid = false
                }
                octets += 1
                position = end
                guard bytes.byte(at: position) == UInt8(ascii: "."), bytes.byte(at: position + 1).isASCIIDigit else { break }
                position += 1
            }
            if valid, octets == 4, !bytes.byte(at: position).isWordByte {
                found.append(GuardrailFinding(.ipAddress, index..<position))
            }
            index = max(position, index + 1)
        }
    }

    /// IPv6 addresses: up to eight groups of 1–4 hex digits, `::` at most once (then fewer
    /// groups), an optional IPv4 tail. Times (`10:30:00`) and MAC addresses (six groups, no
    /// `::`) do not count, nor do C++ or Ruby scopes (`Foo::Bar`: not hex, or inside a word).
    static func ipv6Addresses(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [GuardrailFinding]) {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte.isASCIIHex || (byte == UInt8(ascii: ":") && bytes.byte(at: index + 1) == UInt8(ascii: ":")),
                !bytes.byte(at: index - 1).isWordByte, bytes.byte(at: index - 1) != UInt8(ascii: ":")
            else {
                index += 1
                continue
            }
            let end = bytes.runEnd(from: index) { $0.isASCIIHex || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }
            var trimmed = end
            while trimmed > index, bytes[trimmed - 1] == UInt8(ascii: ".") { trimmed -= 1 }
            if !bytes.byte(at: end).isWordByte, isIPv6(bytes, index, trimmed) {
                found.append(GuardrailFinding(.ipAddress, index..<trimmed))
            }
            index = max(end, index + 1)
        }
    }

    private static func isIPv6(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let text = Array(bytes[start..<end])
        var colons = 0
        var hasDigit = false
        for byte in text {
            if byte == UInt8(ascii: ":") { colons += 1 }
            if byte.isASCIIDigit { hasDigit = true }
        }
        guard colons >= 2, hasDigit else { return false }
        let halves = text.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        let compressed = zip(text, text.dropFirst()).filter { $0 == UInt8(ascii: ":") && $1 == UInt8(ascii: ":") }.count
        guard compressed <= 1 else { return false }
        var groups = 0
        for (offset, part) in halves.enumerated() {
            if part.isEmpty { continue }
            if offset == halves.count - 1, part.contains(UInt8(ascii: ".")) {
                guard isIPv4(Array(part)) else { return false }
                groups += 2
                continue
            }
            guard part.count <= 4, part.allSatisfy(\.isASCIIHex) else { return false }
            groups += 1
        }
        // An empty part that is not half of `::` is a lone leading or trailing colon.
        if compressed == 0 {
            return groups == 8 && !halves.contains(where: \.isEmpty)
        }
        return groups < 8 && groups >= 1
    }

    private static func isIPv4(_ text: [UInt8]) -> Bool {
        let parts = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit) else { return false }
            if part.count > 1, part.first == UInt8(ascii: "0") { return false }
            return Int(String(decoding: part, as: UTF8.self)).map { $0 <= 255 } ?? false
        }
    }
}
