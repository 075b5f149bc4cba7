import NIOCore

/// Reads a `multipart/form-data` body as it arrives, chunk by chunk, without holding it: a
/// state machine fed with `append` and drained with `next`, as NIO's byte-to-message decoders
/// are. Network chunk edges mean nothing: a delimiter split across chunks is found all the same.
///
/// Delimiters follow RFC 2046 as `MultipartForm` reads them: CRLF, `--`, the boundary, then
/// `--` (the close) or optional spaces and CRLF. A look-alike followed by anything else is
/// content. Content is handed out as soon as it cannot be the start of a delimiter, so at
/// most a delimiter's length of it waits for the next chunk. Part headers are held until they
/// are complete, up to `maxHeaderBytes`; the preamble and epilogue are dropped.
public struct MultipartStreamReader: Sendable {
    /// What the body holds next.
    public enum Event: Sendable, Equatable {
        /// A part begins.
        case part(MultipartPartHeaders)
        /// More of the current part's content, in order.
        case content(ByteBuffer)
        /// The current part's content is complete.
        case partEnd
        /// The close delimiter: the body has no more parts.
        case end
    }

    private enum State: Sendable {
        /// Before the first delimiter.
        case preamble
        case headers
        case content
        /// The close delimiter ended the last part; `.end` is next.
        case closing
        /// After the close delimiter.
        case epilogue
    }

    /// Largest header block of one part.
    public static let maxHeaderBytes = 16 * 1024
    /// Spaces and tabs accepted between a boundary and its line end.
    private static let maxPadding = 256

    /// CRLF, `--`, the boundary.
    private let delimiter: [UInt8]
    private var pending: ByteBuffer
    private var state = State.preamble

    /// A reader for a body sent with `boundary` (from the Content-Type header).
    public init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first delimiter may open the body without a CRLF before it: one is supplied.
        pending = ByteBuffer(string: "\r\n")
    }

    /// A reader for a body sent with `contentType`; nil when it is not multipart or names no
    /// boundary.
    public init?(contentType: String) {
        guard let boundary = MultipartForm.boundary(fromContentType: contentType) else { return nil }
        self.init(boundary: boundary)
    }

    /// Adds the next chunk of the body.
    public mutating func append(_ chunk: ByteBuffer) {
        guard state != .epilogue, state != .closing else { return }
        if pending.readableBytes == 0 {
            pending = chunk
        } else {
            // What is held back is a delimiter's length at most: moved to the front, so the
            // buffer stays that plus one chunk long instead of growing with the body.
            pending.discardReadBytes()
            var chunk = chunk
            pending.writeBuffer(&chunk)
        }
    }

    /// The storage the reader holds: about one chunk, however long the body (for tests).
    var heldCapacity: Int { pending.capacity }

    /// The next event the bytes so far allow; nil when more input is needed (or the body ended).
    public mutating func next() throws(GatewayError) -> Event? {
        switch state {
        case .epilogue:
            pending.clear()
            return nil
        case .closing:
            state = .epilogue
            return .end
        case .preamble:
            return try readDelimiter(skippingContent: true)
        case .content:
            return try readDelimiter(skippingContent: false)
        case .headers:
            return try readHeaders()
        }
    }

    /// The body ended: anything but a complete body (one that reached its close delimiter) is
    /// malformed.
    public func finish() throws(GatewayError) {
        guard state == .epilogue else {
            throw GatewayError.invalidRequest("The multipart/form-data body ended before its closing delimiter.")
        }
    }

    /// Looks for the next delimiter: content before it is handed out (or, in the preamble,
    /// dropped); a delimiter at the start is taken and its part ended.
    private mutating func readDelimiter(skippingContent: Bool) throws(GatewayError) -> Event? {
        let delimiter = delimiter
        let scan = pending.withUnsafeReadableBytes { raw -> (at: Int, line: DelimiterLine)? in
            var from = 0
            while let at = raw.firstOffset(of: delimiter, from: from) {
                let line = Self.delimiterLine(raw, from: at + delimiter.count)
                if line != .notADelimiter { return (at, line) }
                from = at + 1
            }
            return nil
        }
        guard let scan else {
            // No delimiter: all but a possible delimiter's beginning is content.
            let safe = pending.readableBytes - (delimiter.count - 1)
            guard safe > 0, let content = pending.readSlice(length: safe) else { return nil }
            return skippingContent ? try next() : .content(content)
        }
        if scan.at > 0 {
            guard let content = pending.readSlice(length: scan.at) else { return nil }
            return skippingContent ? try next() : .content(content)
        }
        switch scan.line {
        case .incomplete, .notADelimiter:
            return nil
        case .close(let length):
            pending.moveReaderIndex(forwardBy: length)
            pending.clear()
            if state == .content {
                state = .closing
                return .partEnd
            }
            state = .epilogue
            return .end
        case .open(let length):
            pending.moveReaderIndex(forwardBy: length)
            let wasContent = state == .content
            state = .headers
            return wasContent ? .partEnd : try next()
        }
    }

    /// After a part ended: `.end` once the close was seen, else the next part's headers.
    private mutating func readHeaders() throws(GatewayError) -> Event? {
        let end = pending.withUnsafeReadableBytes { raw -> Int? in
            if raw.matches([13, 10], at: 0) { return 2 }
            return raw.firstOffset(of: [13, 10, 13, 10]).map { $0 + 4 }
        }
        guard let end else {
            if pending.readableBytes > Self.maxHeaderBytes {
                throw GatewayError.invalidRequest("A multipart/form-data part's headers are longer than \(Self.maxHeaderBytes) bytes.")
            }
            return nil
        }
        guard end <= Self.maxHeaderBytes else {
            throw GatewayError.invalidRequest("A multipart/form-data part's headers are longer than \(Self.maxHeaderBytes) bytes.")
        }
        let headers = try pending.withUnsafeReadableBytes { raw throws(GatewayError) in
            try MultipartPartHeaders.parse(raw, range: 0..<end).headers
        }
        pending.moveReaderIndex(forwardBy: end)
        state = .content
        return .part(headers)
    }

    /// What follows a delimiter's boundary.
    private enum DelimiterLine: Equatable {
        /// Not enough bytes yet to tell.
        case incomplete
        /// Content that looks like a delimiter.
        case notADelimiter
        /// `--`: the close; `length` counts the delimiter with it.
        case close(length: Int)
        /// Padding and CRLF: a part follows; `length` counts the whole delimiter line.
        case open(length: Int)
    }

    private static func delimiterLine(_ raw: UnsafeRawBufferPointer, from start: Int) -> DelimiterLine {
        guard start < raw.count else { return .incomplete }
        if raw[start] == UInt8(ascii: "-") {
            guard start + 1 < raw.count else { return .incomplete }
            return raw[start + 1] == UInt8(ascii: "-") ? .close(length: start + 2) : .notADelimiter
        }
        var index = start
        while index < raw.count, raw[index] == 32 || raw[index] == 9 {
            index += 1
            if index - start > maxPadding { return .notADelimiter }
        }
        guard index < raw.count else { return .incomplete }
        guard raw[index] == 13 else { return .notADelimiter }
        guard index + 1 < raw.count else { return .incomplete }
        return raw[index + 1] == 10 ? .open(length: index + 2) : .notADelimiter
    }
}
