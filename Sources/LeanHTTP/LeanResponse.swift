/// The answer to a ``LeanRequest``: returned as soon as the head arrived, with the body still streaming.
///
/// The body must be consumed (or the response dropped) for the connection to be released:
/// a body dropped before its end closes the connection rather than returning it to the pool.
public struct LeanResponse: Sendable {
    /// The status code, for example `200`.
    public var status: Int
    /// Header fields in the order the server sent them, names as sent.
    public var headers: [(name: String, value: String)]
    /// The body, streamed chunk by chunk as it arrives.
    public var body: LeanBody

    init(status: Int, headers: [(name: String, value: String)], body: LeanBody) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name`, compared without regard to ASCII case.
    public func header(_ name: String) -> String? {
        for header in self.headers where header.name.utf8.count == name.utf8.count {
            if ASCII.caseInsensitiveEquals(header.name, name) { return header.value }
        }
        return nil
    }
}
