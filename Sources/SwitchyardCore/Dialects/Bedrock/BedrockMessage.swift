/// One turn of a Converse conversation: a role and its content blocks.
public struct BedrockMessage: Sendable, Hashable, Codable {
    public var role: BedrockRole
    public var content: [BedrockContentBlock]

    public init(role: BedrockRole, content: [BedrockContentBlock]) {
        self.role = role
        self.content = content
    }
}
