/// Why bytes could not be read as an AWS event stream. The stream cannot continue after it.
public struct AWSEventStreamError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A length in the prelude is impossible or over the limit.
        case invalidLength
        case preludeChecksumMismatch
        case messageChecksumMismatch
        /// A header runs past the header section, has an unknown type or is not UTF-8.
        case invalidHeader
        /// The stream ended inside a message.
        case truncated
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "event stream: \(message)" }
}
