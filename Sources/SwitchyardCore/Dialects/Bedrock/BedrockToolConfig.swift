/// The tools offered to the model and how it must use them (`toolConfig`).
public struct BedrockToolConfig: Sendable, Hashable, Codable {
    public var tools: [BedrockTool]
    public var toolChoice: BedrockToolChoice?

    public init(tools: [BedrockTool], toolChoice: BedrockToolChoice? = nil) {
        self.tools = tools
        self.toolChoice = toolChoice
    }
}
