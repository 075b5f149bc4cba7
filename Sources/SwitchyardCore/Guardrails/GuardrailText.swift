/// One text a request carries, where it is, and what part of the request it is.
public struct GuardrailText: Sendable, Hashable {
    /// What part of the request a text is, for logs and for guardrails that treat parts apart.
    public enum Role: String, Sendable, Hashable {
        /// System prompts and instructions.
        case system
        /// A user or assistant turn.
        case message
        /// A tool's description or one of its parameters' descriptions.
        case toolDefinition = "tool_definition"
        /// Arguments of a tool call the model made.
        case toolArguments = "tool_arguments"
        /// What a tool returned.
        case toolResult = "tool_result"
        /// A completion prompt or suffix.
        case prompt
        /// An embedding input.
        case input
    }

    /// Where the string is in the request body.
    public var path: JSONPath
    public var text: String
    public var role: Role

    public init(path: JSONPath, text: String, role: Role) {
        self.path = path
        self.text = text
        self.role = role
    }
}
