/// The answer to a tool call, sent in a user message: `{"toolUseId", "content", "status"}`.
public struct BedrockToolResultBlock: Sendable, Hashable, Codable {
    public var toolUseId: String
    public var content: [BedrockToolResultContent]
    /// `success` or `error`; absent means success.
    public var status: String?

    public init(toolUseId: String, content: [BedrockToolResultContent], status: String? = nil) {
        self.toolUseId = toolUseId
        self.content = content
        self.status = status
    }
}
