/// The request body shapes guardrails know how to read, one per API surface that carries text.
public enum GuardrailSurface: Sendable, CaseIterable {
    case chatCompletions
    case completions
    case embeddings
    /// OpenAI's Responses API (`/v1/responses`).
    case responses
    case anthropicMessages
    /// `generateContent` and `streamGenerateContent`.
    case geminiGenerateContent

    /// The surface of a gateway operation, or nil when its body carries no guarded text
    /// (images, audio, files, token counting).
    public init?(operation: GatewayOperation) {
        switch operation.name {
        case OperationTable.chatCompletions.name: self = .chatCompletions
        case OperationTable.completions.name: self = .completions
        case OperationTable.embeddings.name: self = .embeddings
        case OperationTable.messages.name: self = .anthropicMessages
        case OperationTable.generateContent.name, OperationTable.streamGenerateContent.name: self = .geminiGenerateContent
        case "responses": self = .responses
        default: return nil
        }
    }
}
