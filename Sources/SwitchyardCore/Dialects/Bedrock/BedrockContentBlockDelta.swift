/// What a `contentBlockDelta` event adds to its block.
public enum BedrockContentBlockDelta: Sendable, Hashable {
    /// A piece of text.
    case text(String)
    /// A piece of a tool call's input, as JSON text (pieces concatenate to one JSON object).
    case toolUseInput(String)
    /// A piece of reasoning text.
    case reasoningText(String)
    /// The signature of the reasoning block, sent once after its text.
    case reasoningSignature(String)
    /// Encrypted reasoning, base64.
    case reasoningRedacted(String)
    /// Another kind of delta (`citation`, `toolResult`…), kept whole.
    case other(JSONValue)
}
