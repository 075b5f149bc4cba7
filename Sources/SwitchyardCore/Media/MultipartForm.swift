import NIOCore

/// A parsed `multipart/form-data` body (RFC 7578) whose parts are slices of the original bytes.
///
/// Parsing follows RFC 2046: a delimiter is CRLF, `--`, the boundary, then either `--` (the
/// close) or optional spaces and CRLF. A boundary look-alike inside a part's content that is
/// not followed by one of those is content, so files with stray CRLFs or dashes survive.
/// The preamble and epilogue are kept for `rewritten(setting:removing:)` but not interpreted.
public struct MultipartForm: Sendable {
    /// One part: a text field, or a file when it carries a `filename`.
    public struct Part: Sendable {
        /// The `name` parameter of its `Content-Disposition`.
        public var name: String
        /// The `filename` (or RFC 5987 `filename*`) parameter, present for file parts.
        public var filename: String?
        /// Its `Content-Type` header, if it had one.
        public var contentType: String?
        /// Its content: a slice of the parsed body, not a copy.
        public var body: ByteBuffer
        /// Where the whole part (headers, blank line and content, without the CRLF that
        /// precedes the next delimiter) sits in the parsed body, counted from its reader index.
        public var range: Range<Int>
        /// Where the content starts, counted like `range`.
        var bodyStart: Int

        /// The content as UTF-8 text.
        public var text: String { String(buffer: body) }
    }

    /// The boundary from the Content-Type header.
    public let boundary: String
    public let parts: [Part]
    /// The body that was parsed, kept for byte-preserving rewrites.
    let source: ByteBuffer
    /// Where the close delimiter (CRLF `--boundary--`) starts.
    let closeStart: Int

    /// Parses `body` as sent with the `contentType` header value.
    public init(parsing body: ByteBuffer, contentType: String) throws(GatewayError) {
        guard let boundary = Self.boundary(fromContentType: contentType) else {
            throw GatewayError.invalidRequest("The multipart/form-data Content-Type has no boundary parameter.")
        }
        self.boundary = boundary
        self.source = body
        let scanned = try body.withUnsafeReadableBytes { raw throws(GatewayError) in
            try Self.scan(raw, boundary: Array(boundary.utf8))
        }
        self.closeStart = scanned.closeStart
        self.parts = scanned.parts.map { part in
            var part = part
            part.body = body.getSlice(at: body.readerIndex + part.bodyStart, length: part.range.upperBound - part.bodyStart) ?? ByteBuffer()
            return part
        }
    }

    /// The text of the first non-file part named `name`.
    public func value(_ name: String) -> String? {
        parts.first { $0.name == name && $0.filename == nil }?.text
    }

    /// The texts of every non-file part named `name` or `name[]`, in order (array fields such
    /// as `timestamp_granularities[]`, as the OpenAI SDKs send them).
    public func values(_ name: String) -> [String] {
        parts.filter { $0.filename == nil && Self.names(name, $0.name) }.map(\.text)
    }

    /// Every part named `name`, `name[]` or `name[N]`, in order: one file, repeated files, or a
    /// file array (the OpenAI SDKs send several images as `image[]`).
    public func files(_ name: String) -> [Part] {
        parts.filter { Self.names(name, $0.name) }
    }

    static func names(_ name: String, _ candidate: String) -> Bool {
        guard candidate.hasPrefix(name) else { return false }
        let rest = candidate.dropFirst(name.count)
        if rest.isEmpty || rest == "[]" { return true }
        return rest.hasPrefix("[") && rest.hasSuffix("]") && UInt(rest.dropFirst().dropLast()) != nil
    }

    /// The `boundary` parameter of a `multipart/…` Content-Type, unquoted; nil when absent or
    /// when the media type is not multipart.
    public static func boundary(fromContentType contentType: String) -> String? {
        let pieces = MIMEParameters.split(contentType)
        guard let mediaType = pieces.first?.lowercased(), mediaType.hasPrefix("multipart/") else { return nil }
        guard let boundary = MIMEParameters.parameters(pieces.dropFirst())["boundary"], !boundary.isEmpty else { return nil }
        return boundary
    }
}
