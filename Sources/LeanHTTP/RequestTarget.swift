/// The parts of an `http[s]://host[:port]/path?query` URL that the client needs.
///
/// Parsed by hand over the URL's UTF-8 bytes: Foundation's URL costs several allocations per
/// request and accepts far more than an upstream URL ever needs. The substrings share the URL's
/// storage.
struct RequestTarget {
    /// The host without IPv6 brackets, as passed to the resolver.
    var host: Substring
    /// The port; 80, or 443 for `https`, when the URL names none.
    var port: Int
    /// The scheme is `https`.
    var isTLS: Bool
    /// `host[:port]` exactly as written in the URL, used for the `Host` header.
    var authority: Substring
    /// Path and query as written; empty when the URL has neither (sent as `/`).
    var pathAndQuery: Substring

    /// Byte offsets into the URL of the parts above.
    private struct Offsets {
        var host: Range<Int>
        var authority: Range<Int>
        var path: Range<Int>
        var port: Int
        var isTLS: Bool
    }

    init(parsing url: String) throws(LeanHTTPError) {
        var url = url
        // Native Swift strings are contiguous already; this only copies a bridged one.
        url.makeContiguousUTF8()
        let parsed = url.utf8.withContiguousStorageIfAvailable { Self.parse($0) }
        guard let parsed else { throw .invalidURL }
        let offsets: Offsets
        switch parsed {
        case .success(let value): offsets = value
        case .failure(let error): throw error
        }
        func slice(_ range: Range<Int>) -> Substring {
            let start = url.utf8.index(url.utf8.startIndex, offsetBy: range.lowerBound)
            let end = url.utf8.index(start, offsetBy: range.count)
            return url[start..<end]
        }
        self.host = slice(offsets.host)
        self.authority = slice(offsets.authority)
        self.pathAndQuery = slice(offsets.path)
        self.port = offsets.port
        self.isTLS = offsets.isTLS
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Offsets, LeanHTTPError> {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return .failure(.invalidURL) }
        let scheme = UnsafeBufferPointer(rebasing: bytes[0..<colon])
        guard !scheme.isEmpty, scheme.allSatisfy(Self.isSchemeByte) else { return .failure(.invalidURL) }
        let isTLS: Bool
        if scheme.count == 4, scheme.elementsEqual("http".utf8, by: { ASCII.lower($0) == $1 }) {
            isTLS = false
        } else if scheme.count == 5, scheme.elementsEqual("https".utf8, by: { ASCII.lower($0) == $1 }) {
            isTLS = true
        } else {
            return .failure(.unsupportedScheme)
        }
        guard bytes.count >= colon + 3, bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/")
        else { return .failure(.invalidURL) }

        let authorityStart = colon + 3
        var authorityEnd = authorityStart
        while authorityEnd < bytes.count {
            let byte = bytes[authorityEnd]
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            authorityEnd += 1
        }
        guard authorityEnd > authorityStart else { return .failure(.invalidURL) }

        let host: Range<Int>
        var portStart: Int?
        if bytes[authorityStart] == UInt8(ascii: "[") {
            // IPv6 literal: the colons inside the brackets are not the port separator.
            var close = authorityStart + 1
            while close < authorityEnd, bytes[close] != UInt8(ascii: "]") { close += 1 }
            guard close < authorityEnd else { return .failure(.invalidURL) }
            host = (authorityStart + 1)..<close
            if close + 1 < authorityEnd {
                guard bytes[close + 1] == UInt8(ascii: ":") else { return .failure(.invalidURL) }
                portStart = close + 2
            }
            guard !host.isEmpty, host.allSatisfy({ Self.isIPv6LiteralByte(bytes[$0]) }) else {
                return .failure(.invalidURL)
            }
        } else {
            var hostEnd = authorityStart
            while hostEnd < authorityEnd, bytes[hostEnd] != UInt8(ascii: ":") { hostEnd += 1 }
            host = authorityStart..<hostEnd
            if hostEnd < authorityEnd { portStart = hostEnd + 1 }
            // Refuses user info (`@`) and anything that would need escaping.
            guard !host.isEmpty, host.allSatisfy({ Self.isHostByte(bytes[$0]) }) else { return .failure(.invalidURL) }
        }

        var port = isTLS ? 443 : 80
        if let portStart, portStart < authorityEnd {
            guard authorityEnd - portStart <= 5 else { return .failure(.invalidURL) }
            var value = 0
            for index in portStart..<authorityEnd {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return .failure(.invalidURL) }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            guard value > 0, value <= 65535 else { return .failure(.invalidURL) }
            port = value
        }

        var pathEnd = authorityEnd
        while pathEnd < bytes.count {
            let byte = bytes[pathEnd]
            // The fragment never goes on the wire; space and control bytes would break the request line.
            if byte == UInt8(ascii: "#") { break }
            if byte <= 0x20 || byte == 0x7F { return .failure(.invalidURL) }
            pathEnd += 1
        }
        return .success(
            Offsets(
                host: host, authority: authorityStart..<authorityEnd, path: authorityEnd..<pathEnd, port: port, isTLS: isTLS
            )
        )
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    /// Registered-name and IPv4 characters.
    private static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    private static func isIPv6LiteralByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: ":"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}
