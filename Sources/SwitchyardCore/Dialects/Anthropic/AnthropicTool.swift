/// A tool offered to Claude in `tools`: a client (custom) tool, or a server tool kept whole.
///
/// A tool with no `type`, or `"type": "custom"`, is a custom tool. Anything else
/// (`web_search_20250305`, `bash_20250124`, `text_editor_…`, `code_execution_…`) is a server
/// or Anthropic-defined tool, carried as raw JSON.
public enum AnthropicTool: Sendable, Hashable {
    case custom(AnthropicCustomTool)
    case server(JSONValue)

    /// The tool's `name`, for either kind.
    public var name: String? {
        switch self {
        case .custom(let tool): tool.name
        case .server(let value): value["name"]?.stringValue
        }
    }
}

/// A tool the client runs: a name, a description and a JSON Schema for `input`.
public struct AnthropicCustomTool: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// The JSON Schema of the tool's input (an object schema); carried without interpretation.
    public var inputSchema: JSONValue
    /// `"custom"` when the client wrote it; nil when it left `type` out.
    public var type: String?
    /// Unknown members (`cache_control`, `strict`, `input_examples`…).
    public var extra: [String: JSONValue]

    public init(
        name: String,
        description: String? = nil,
        inputSchema: JSONValue,
        type: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.description = description
        self.inputSchema = inputSchema
        self.type = type
        self.extra = extra
    }
}

extension AnthropicTool: Codable {
    public init(from decoder: Decoder) throws {
        let value = try JSONValue(from: decoder)
        switch value["type"] {
        case nil, .null?, .string("custom")?:
            self = .custom(try AnthropicCustomTool(from: decoder))
        default:
            self = .server(value)
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .custom(let tool): try tool.encode(to: encoder)
        case .server(let value): try value.encode(to: encoder)
        }
    }
}

extension AnthropicCustomTool: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case description
        case inputSchema = "input_schema"
        case type
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        inputSchema = try container.decode(JSONValue.self, forKey: .inputSchema)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(inputSchema, forKey: .inputSchema)
        try encoder.encodeExtraFields(extra)
    }
}
