/// What the headers of one `multipart/form-data` part say: its field name, and for a file its
/// filename and content type.
public struct MultipartPartHeaders: Sendable, Hashable {
    /// The `name` parameter of its `Content-Disposition`.
    public var name: String
    /// The `filename` (or RFC 5987 `filename*`) parameter, present for file parts.
    public var filename: String?
    /// Its `Content-Type` header, if it had one.
    public var contentType: String?

    public init(name: String, filename: String? = nil, contentType: String? = nil) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
    }

    /// Reads the header lines at the start of `range` up to the blank line that ends them;
    /// answers the headers and the offset past that blank line.
    static func parse(_ raw: UnsafeRawBufferPointer, range: Range<Int>) throws(GatewayError) -> (headers: MultipartPartHeaders, bodyStart: Int) {
        var headers: [(name: String, value: String)] = []
        var index = range.lowerBound
        var bodyStart: Int?
        while index < range.upperBound {
            if raw.matches("\r\n", at: index) {
                bodyStart = index + 2
                break
            }
            var end = index
            while end + 1 < range.upperBound, !(raw[end] == 13 && raw[end + 1] == 10) { end += 1 }
            guard end + 1 < range.upperBound else { break }
            let line = String(decoding: UnsafeRawBufferPointer(rebasing: raw[index..<end]), as: UTF8.self)
            if let colon = line.firstIndex(of: ":") {
                headers.append((line[..<colon].trimmingWhitespace().lowercased(), String(line[line.index(after: colon)...]).trimmingWhitespace()))
            }
            index = end + 2
        }
        guard let bodyStart, bodyStart <= range.upperBound else {
            throw GatewayError.invalidRequest("A multipart/form-data part has no blank line after its headers.")
        }
        guard let disposition = headers.first(where: { $0.name == "content-disposition" })?.value else {
            throw GatewayError.invalidRequest("A multipart/form-data part has no Content-Disposition header.")
        }
        let parameters = MIMEParameters.parameters(MIMEParameters.split(disposition).dropFirst())
        guard let name = parameters["name"] else {
            throw GatewayError.invalidRequest("A multipart/form-data part has no name in its Content-Disposition.")
        }
        let filename = parameters["filename*"].flatMap(MIMEParameters.extendedValue) ?? parameters["filename"]
        let contentType = headers.first { $0.name == "content-type" }?.value
        return (MultipartPartHeaders(name: name, filename: filename, contentType: contentType), bodyStart)
    }
}
