/// One event of a ConverseStream answer, named on the wire by the `:event-type` header of its
/// event-stream message (or `:exception-type` for an exception).
///
/// Payload members these types do not model are ignored: Bedrock pads every payload with a
/// random `"p"` member to hide token lengths.
public enum BedrockStreamEvent: Sendable, Hashable {
    /// `messageStart {role}`
    case messageStart(role: BedrockRole)
    /// `contentBlockStart {contentBlockIndex, start}`: sent for tool-use blocks (text blocks
    /// begin with their first delta).
    case contentBlockStart(index: Int, start: BedrockContentBlockStart)
    /// `contentBlockDelta {contentBlockIndex, delta}`
    case contentBlockDelta(index: Int, delta: BedrockContentBlockDelta)
    /// `contentBlockStop {contentBlockIndex}`
    case contentBlockStop(index: Int)
    /// `messageStop {stopReason, additionalModelResponseFields}`
    case messageStop(stopReason: BedrockStopReason, additionalModelResponseFields: JSONValue?)
    /// `metadata {usage, metrics}`: the last event of a stream.
    case metadata(usage: BedrockTokenUsage?, metrics: JSONValue?)
    /// An exception message (`throttlingException`, `modelStreamErrorException`…) with its
    /// `message`; the stream ends after it.
    case exception(type: String, message: String)
    /// An event of a type this gateway does not know, kept by name.
    case unknown(type: String)
}
