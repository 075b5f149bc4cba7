extension MultipartForm {
    private static let crlf: [UInt8] = [13, 10]

    /// Finds every part of `raw`: the delimiters, each part's headers, and the close.
    static func scan(_ raw: UnsafeRawBufferPointer, boundary: [UInt8]) throws(GatewayError) -> (parts: [Part], closeStart: Int) {
        let dashBoundary: [UInt8] = [45, 45] + boundary
        let delimiter = crlf + dashBoundary
        // The first delimiter may open the body without a CRLF before it.
        var found: Int?
        if raw.matches(dashBoundary, at: 0) {
            found = 0
        } else if let at = raw.firstOffset(of: delimiter) {
            found = at + 2
        }
        guard var delimiterStart = found else {
            throw GatewayError.invalidRequest("The multipart/form-data body has no delimiter for its boundary.")
        }
        var parts: [Part] = []
        while true {
            let afterBoundary = delimiterStart + dashBoundary.count
            if raw.matches("--", at: afterBoundary) {
                return (parts, max(delimiterStart - 2, 0))
            }
            guard let partStart = lineEnd(raw, from: afterBoundary) else {
                throw GatewayError.invalidRequest("The multipart/form-data body has a malformed delimiter line.")
            }
            guard let next = nextDelimiter(raw, delimiter: delimiter, from: partStart) else {
                throw GatewayError.invalidRequest("The multipart/form-data body is missing its closing delimiter (--\(String(decoding: boundary, as: UTF8.self))--).")
            }
            parts.append(try part(raw, range: partStart..<next))
            delimiterStart = next + 2
        }
    }

    /// After a delimiter's boundary: optional spaces or tabs then CRLF; the offset past the CRLF.
    private static func lineEnd(_ raw: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index < raw.count, raw[index] == 32 || raw[index] == 9 { index += 1 }
        return raw.matches("\r\n", at: index) ? index + 2 : nil
    }

    /// The offset of the next real delimiter (its CRLF) at or after `start`; look-alikes not
    /// followed by `--` or a line end are content.
    private static func nextDelimiter(_ raw: UnsafeRawBufferPointer, delimiter: [UInt8], from start: Int) -> Int? {
        var from = start
        while let at = raw.firstOffset(of: delimiter, from: from) {
            let after = at + delimiter.count
            if raw.matches("--", at: after) || lineEnd(raw, from: after) != nil { return at }
            from = at + 1
        }
        return nil
    }

    /// Reads one part's headers; `range` spans headers, blank line and content.
    private static func part(_ raw: UnsafeRawBufferPointer, range: Range<Int>) throws(GatewayError) -> Part {
        let (headers, bodyStart) = try MultipartPartHeaders.parse(raw, range: range)
        return Part(
            name: headers.name,
            filename: headers.filename,
            contentType: headers.contentType,
            body: .init(),
            range: range,
            bodyStart: bodyStart
        )
    }
}
