import NIOCore
import NIOHTTP1

/// A request already serialized to HTTP/1.1 bytes, so the one retry re-sends the same bytes
/// and the event loop only has to write them.
///
/// Serializing here instead of through `HTTPRequestEncoder` skips building `HTTPHeaders` and
/// lets a small request go out as a single buffer in a single write.
struct PreparedRequest: Sendable {
    /// Request line, headers and, when small, the body.
    var bytes: ByteBuffer
    /// A large body, written as its own buffer so it is not copied.
    var separateBody: ByteBuffer?
    /// What the response decoder must be told about the request: only the method matters to it
    /// (responses to HEAD have no body), so shared heads are used and nothing is allocated.
    var decoderHead: HTTPRequestHead
    /// The caller sent `Connection: close`, so the connection must not be reused.
    var closeRequested: Bool
    /// Which per-host pool the request goes to.
    var key: PoolKey
    /// When the whole response must have arrived (``LeanRequest/bodyDeadline``).
    var bodyDeadline: NIODeadline?
    /// This request's bound on each wait for body bytes, if it has its own.
    var readTimeout: TimeAmount?

    /// Bodies up to this size are copied behind the head: one copy is cheaper than a second iovec.
    static let inlineBodyLimit = 16 * 1024

    private static let headHEAD = HTTPRequestHead(version: .http1_1, method: .HEAD, uri: "/")
    private static let headCONNECT = HTTPRequestHead(version: .http1_1, method: .CONNECT, uri: "/")
    private static let headOther = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/")

    init(_ request: LeanRequest) throws(LeanHTTPError) {
        let target = try RequestTarget(parsing: request.url)
        guard ASCII.isToken(request.method) else { throw .invalidHeader }

        let bodyLength = request.body.readableBytes
        let inlineBody = bodyLength <= Self.inlineBodyLimit
        var capacity = request.method.utf8.count + target.pathAndQuery.utf8.count + target.authority.utf8.count + 64
        var hasHost = false
        for header in request.headers {
            capacity += header.name.utf8.count + header.value.utf8.count + 4
            if header.name.utf8.count == 4 && ASCII.caseInsensitiveEquals(header.name, "host") { hasHost = true }
        }
        if inlineBody { capacity += bodyLength }

        var bytes = ByteBufferAllocator().buffer(capacity: capacity)
        bytes.writeString(request.method)
        bytes.writeStaticString(" ")
        if target.pathAndQuery.utf8.first != UInt8(ascii: "/") { bytes.writeStaticString("/") }
        bytes.writeSubstring(target.pathAndQuery)
        bytes.writeStaticString(" HTTP/1.1\r\n")
        if !hasHost {
            // First, where servers and proxies conventionally expect it.
            bytes.writeStaticString("Host: ")
            bytes.writeSubstring(target.authority)
            bytes.writeStaticString("\r\n")
        }

        var closeRequested = false
        for header in request.headers {
            guard ASCII.isToken(header.name), ASCII.isValidHeaderValue(header.value) else { throw .invalidHeader }
            switch header.name.utf8.count {
            case 10 where ASCII.caseInsensitiveEquals(header.name, "connection"):
                if ASCII.listContains(header.value, token: "close") { closeRequested = true }
            case 14 where ASCII.caseInsensitiveEquals(header.name, "content-length"):
                continue  // replaced by the real length below
            case 17 where ASCII.caseInsensitiveEquals(header.name, "transfer-encoding"):
                continue  // the body is always sent with a length, never chunked
            default:
                break
            }
            bytes.writeString(header.name)
            bytes.writeStaticString(": ")
            bytes.writeString(header.value)
            bytes.writeStaticString("\r\n")
        }
        if bodyLength > 0 || Self.methodExpectsBody(request.method) {
            bytes.writeStaticString("Content-Length: ")
            bytes.writeString(String(bodyLength))
            bytes.writeStaticString("\r\n")
        }
        bytes.writeStaticString("\r\n")

        if inlineBody {
            bytes.writeImmutableBuffer(request.body)
            self.separateBody = nil
        } else {
            self.separateBody = request.body
        }
        self.bytes = bytes
        self.closeRequested = closeRequested
        switch request.method {
        case "HEAD": self.decoderHead = Self.headHEAD
        case "CONNECT": self.decoderHead = Self.headCONNECT
        default: self.decoderHead = Self.headOther
        }
        self.key = PoolKey(host: String(target.host), port: target.port, tls: target.isTLS ? request.tls : nil)
        self.bodyDeadline = request.bodyDeadline
        self.readTimeout = request.readTimeout
    }

    /// Methods whose requests normally carry a body get `Content-Length: 0` even when it is empty,
    /// as some servers answer 411 otherwise; the others get no length header at all.
    private static func methodExpectsBody(_ method: String) -> Bool {
        switch method {
        case "GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT": false
        default: true
        }
    }
}
