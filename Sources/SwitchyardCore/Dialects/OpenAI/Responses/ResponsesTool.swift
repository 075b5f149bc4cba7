/// A tool offered in a Responses request's `tools`, a union discriminated by `type`.
///
/// Function tools are flat (`{"type": "function", "name", "description", "parameters",
/// "strict"}`), unlike chat's, which nest the definition under `function`. Every other type —
/// OpenAI's built-in tools (`web_search`, `file_search`, `code_interpreter`, `mcp`…) and
/// `custom` tools — is kept whole in `.builtIn`.
public enum ResponsesTool: Sendable, Hashable {
    case function(ResponsesFunctionTool)
    case builtIn(JSONValue)

    /// The wire `type` of the tool.
    public var type: String {
        switch self {
        case .function: "function"
        case .builtIn(let value): value["type"]?.stringValue ?? ""
        }
    }
}

/// The members of a flat Responses function tool: the same as a chat function definition.
public typealias ResponsesFunctionTool = FunctionDefinition

extension ResponsesTool: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if try container.decodeIfPresent(String.self, forKey: .type) == "function" {
            var function = try FunctionDefinition(from: decoder)
            function.extra["type"] = nil
            self = .function(function)
        } else {
            self = .builtIn(try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .function(let function):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("function", forKey: .type)
            try function.encode(to: encoder)
        case .builtIn(let value):
            try value.encode(to: encoder)
        }
    }
}
