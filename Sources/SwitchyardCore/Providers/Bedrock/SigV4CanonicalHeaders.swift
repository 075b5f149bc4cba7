import Foundation

/// The signed headers: lowercased names, sorted, values trimmed with inner runs of spaces
/// collapsed, repeated names joined with commas.
struct SigV4CanonicalHeaders {
    /// Headers botocore never signs: hop-by-hop ones, and ones proxies or the client rewrite.
    static let unsigned: Set<String> = [
        "authorization", "baggage", "connection", "expect", "keep-alive", "proxy-authenticate",
        "proxy-authorization", "te", "traceparent", "tracestate", "trailer", "transfer-encoding",
        "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    var block: String
    var signedHeaders: String

    init(_ headers: [(name: String, value: String)], defaultHost: String) {
        var values: [String: [String]] = [:]
        for (name, value) in headers {
            let key = name.lowercased().trimmingCharacters(in: .whitespaces)
            guard !Self.unsigned.contains(key) else { continue }
            values[key, default: []].append(value.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        }
        if values["host"] == nil {
            values["host"] = [defaultHost]
        }
        let names = values.keys.sorted()
        block = names.map { "\($0):\(values[$0, default: []].joined(separator: ","))" }.joined(separator: "\n")
        signedHeaders = names.joined(separator: ";")
    }
}
