/// A tool call the assistant made: `{"toolUseId", "name", "input"}`, `input` a JSON object.
public struct BedrockToolUseBlock: Sendable, Hashable, Codable {
    public var toolUseId: String
    public var name: String
    public var input: JSONValue

    public init(toolUseId: String, name: String, input: JSONValue) {
        self.toolUseId = toolUseId
        self.name = name
        self.input = input
    }
}
