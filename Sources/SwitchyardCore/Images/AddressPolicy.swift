#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which network addresses the gateway may fetch images from on a client's behalf. Private,
/// loopback, link-local and other internal ranges are refused unless the operator allows them,
/// so a request cannot make the gateway reach into its own network (SSRF).
public enum AddressPolicy {
    /// Whether `address` (IPv4 or IPv6 text) is internal: loopback, private (RFC 1918, ULA),
    /// link-local (including cloud metadata at 169.254.169.254), CGNAT, unspecified,
    /// multicast or reserved. Text that is not an address counts as internal.
    public static func isInternal(_ address: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            return isInternal(v4: withUnsafeBytes(of: v4.s_addr) { Array($0) })
        }
        var v6 = in6_addr()
        var text = address
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return true }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        return isInternal(v6: bytes)
    }

    /// Whether `host` is an IPv4 or IPv6 address written out (no name to look up).
    public static func isAddressLiteral(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        let text = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    static func isInternal(v4 bytes: [UInt8]) -> Bool {
        guard bytes.count == 4 else { return true }
        let (a, b) = (bytes[0], bytes[1])
        switch a {
        case 0, 10, 127: return true
        case 100 where (64...127).contains(b): return true  // CGNAT
        case 169 where b == 254: return true  // link-local, cloud metadata
        case 172 where (16...31).contains(b): return true
        case 192 where b == 168: return true
        case 192 where b == 0 && bytes[2] == 0: return true  // IETF protocol assignments
        case 198 where b == 18 || b == 19: return true  // benchmarking
        case 224...255: return true  // multicast, reserved, broadcast
        default: return false
        }
    }

    static func isInternal(v6 bytes: [UInt8]) -> Bool {
        guard bytes.count == 16 else { return true }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) { return true }  // :: and ::1
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return isInternal(v4: Array(bytes[12..<16]))  // ::ffff:a.b.c.d
        }
        if bytes[0] & 0xfe == 0xfc { return true }  // fc00::/7 unique local
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 { return true }  // fe80::/10 link-local
        if bytes[0] == 0xff { return true }  // multicast
        if bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b {
            return isInternal(v4: Array(bytes[12..<16]))  // 64:ff9b::/96 NAT64
        }
        return false
    }
}
