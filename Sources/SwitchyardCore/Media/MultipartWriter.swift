import NIOCore

/// Builds a `multipart/form-data` body (RFC 7578) part by part.
///
/// Names and filenames are written as quoted strings with `"`, CR and LF percent-encoded, as
/// browsers (the WHATWG form encoding) do.
public struct MultipartWriter: Sendable {
    public let boundary: String
    private var body = ByteBuffer()

    /// A writer whose boundary is `boundary`, by default a fresh random one.
    public init(boundary: String = MultipartWriter.randomBoundary()) {
        self.boundary = boundary
    }

    /// The Content-Type header value that goes with the body.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// Appends a text field.
    public mutating func addField(name: String, value: String) {
        openPart()
        body.writeString("Content-Disposition: form-data; name=\"\(Self.escaped(name))\"\r\n\r\n")
        body.writeString(value)
    }

    /// Appends a file part.
    public mutating func addFile(name: String, filename: String, contentType: String, bytes: some Sequence<UInt8>) {
        openPart()
        body.writeString("Content-Disposition: form-data; name=\"\(Self.escaped(name))\"; filename=\"\(Self.escaped(filename))\"\r\n")
        body.writeString("Content-Type: \(contentType)\r\n\r\n")
        body.writeBytes(bytes)
    }

    /// The finished body: every part, then the close delimiter.
    public func finish() -> ByteBuffer {
        var finished = body
        finished.writeString(finished.readableBytes == 0 ? "--\(boundary)--\r\n" : "\r\n--\(boundary)--\r\n")
        return finished
    }

    private mutating func openPart() {
        body.writeString(body.readableBytes == 0 ? "--\(boundary)\r\n" : "\r\n--\(boundary)\r\n")
    }

    /// A boundary of 24 random hexadecimal digits after a fixed prefix.
    public static func randomBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = (0..<24).map { _ in String(Int.random(in: 0..<16, using: &generator), radix: 16) }
        return "switchyard-" + digits.joined()
    }

    static func escaped(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\"": result += "%22"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            case "\r\n": result += "%0D%0A"
            default: result.append(character)
            }
        }
        return result
    }
}
