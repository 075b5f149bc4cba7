/// What a `contentBlockStart` event opens.
public enum BedrockContentBlockStart: Sendable, Hashable {
    /// A tool call: its id and the tool's name; the input follows as `toolUse` deltas.
    case toolUse(toolUseId: String, name: String)
    /// Another kind of block, kept whole.
    case other(JSONValue)
}
