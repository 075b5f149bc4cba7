import Foundation

/// The parts of a URL that SigV4 signs, parsed without Foundation's URL so that a path is
/// taken byte for byte as written.
struct SigV4URL {
    /// The `host` header the URL implies: lowercased, without a default port or user info.
    var hostHeader: String
    var canonicalURI: String
    var canonicalQuery: String

    init(_ url: String) {
        var rest = Substring(url)
        var scheme = "https"
        if let range = rest.range(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]
        if let at = authority.lastIndex(of: "@") {
            authority = authority[authority.index(after: at)...]
        }
        hostHeader = Self.host(authority.lowercased(), scheme: scheme)
        if let hash = rest.firstIndex(of: "#") {
            rest = rest[..<hash]
        }
        var query: Substring = ""
        if let question = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        canonicalURI = SigV4Encoding.encode(Self.removingDotSegments(String(rest)), keepingSlash: true)
        canonicalQuery = Self.canonicalQuery(query)
    }

    private static func host(_ authority: String, scheme: String) -> String {
        let defaultPort = scheme == "http" ? ":80" : scheme == "https" ? ":443" : nil
        if let defaultPort, authority.hasSuffix(defaultPort), !authority.hasSuffix("]") {
            return String(authority.dropLast(defaultPort.count))
        }
        return authority
    }

    /// RFC 3986 dot-segment removal, also collapsing empty segments, as botocore does.
    static func removingDotSegments(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                _ = output.popLast()
            } else {
                output.append(segment)
            }
        }
        let leading = path.hasPrefix("/") ? "/" : ""
        let trailing = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        return leading + output.joined(separator: "/") + trailing
    }

    /// Name-value pairs sorted by name, then value; values kept as encoded in the URL.
    private static func canonicalQuery(_ query: Substring) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> (String, String) in
            guard let equals = pair.firstIndex(of: "=") else { return (String(pair), "") }
            return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
        }
        return pairs.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }
}
