/// One message of an AWS event stream (`application/vnd.amazon.eventstream`): typed headers
/// and a payload.
///
/// Bedrock's stream messages carry `:message-type` (`event` or `exception`), `:event-type` or
/// `:exception-type`, and `:content-type`; the payload is JSON.
public struct AWSEventStreamMessage: Sendable, Hashable {
    /// The headers in wire order.
    public var headers: [AWSEventStreamHeader]
    public var payload: [UInt8]

    public init(headers: [AWSEventStreamHeader], payload: [UInt8]) {
        self.headers = headers
        self.payload = payload
    }

    /// The value of the first header named `name`.
    public subscript(header name: String) -> AWSEventStreamHeader.Value? {
        headers.first { $0.name == name }?.value
    }

    /// The string value of the header named `name`, nil when absent or not a string.
    public func stringHeader(_ name: String) -> String? {
        if case .string(let value) = self[header: name] { return value }
        return nil
    }

    /// `:message-type`: `event`, `exception` or `error`.
    public var messageType: String? { stringHeader(":message-type") }
    /// `:event-type`, the name of an event.
    public var eventType: String? { stringHeader(":event-type") }
    /// `:exception-type`, the name of an exception.
    public var exceptionType: String? { stringHeader(":exception-type") }
}
