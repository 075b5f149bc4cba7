import NIOCore

/// A reply in Redis's RESP2 protocol.
public enum RESPValue: Sendable, Equatable {
    case simpleString(String)
    case error(String)
    case integer(Int)
    /// nil for the null bulk string (`$-1`), which GET answers for a missing key.
    case bulkString(ByteBuffer?)
    /// nil for the null array (`*-1`).
    case array([RESPValue]?)
}

/// A reply Redis sent as an error (`-ERR …`, `-WRONGPASS …`), or one the client did not expect.
public struct RedisError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Commands as RESP2 writes them: an array of bulk strings.
public enum RESPEncoder {
    public static func command(_ arguments: [RESPArgument], into out: inout ByteBuffer) {
        out.writeString("*\(arguments.count)\r\n")
        for argument in arguments {
            switch argument {
            case .text(let text):
                let bytes = Array(text.utf8)
                out.writeString("$\(bytes.count)\r\n")
                out.writeBytes(bytes)
            case .bytes(var buffer):
                out.writeString("$\(buffer.readableBytes)\r\n")
                out.writeBuffer(&buffer)
            }
            out.writeString("\r\n")
        }
    }
}

/// One argument of a command: text (names, numbers) or binary-safe bytes (values).
public enum RESPArgument: Sendable, ExpressibleByStringLiteral {
    case text(String)
    case bytes(ByteBuffer)

    public init(stringLiteral value: String) { self = .text(value) }
}
