/// How Claude should use the offered tools (`tool_choice`).
///
/// `{"type": "auto" | "any" | "none"}` or `{"type": "tool", "name"}`, each `auto`/`any`/`tool`
/// optionally with `disable_parallel_tool_use`. An unknown type decodes as `.other`.
public struct AnthropicToolChoice: Sendable, Hashable {
    /// Which choice: the `type` member (and `name` for `.tool`).
    public enum Kind: Sendable, Hashable {
        /// The model decides.
        case auto
        /// The model must use one of the tools.
        case any
        /// The model must use this tool.
        case tool(name: String)
        /// The model must not use tools.
        case none
        case other(String)
    }

    public var kind: Kind
    /// `true`: at most (auto) or exactly (any, tool) one tool call.
    public var disableParallelToolUse: Bool?
    public var extra: [String: JSONValue]

    public init(_ kind: Kind, disableParallelToolUse: Bool? = nil, extra: [String: JSONValue] = [:]) {
        self.kind = kind
        self.disableParallelToolUse = disableParallelToolUse
        self.extra = extra
    }
}

extension AnthropicToolChoice: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case name
        case disableParallelToolUse = "disable_parallel_tool_use"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        var known: Set<String> = ["type", "disable_parallel_tool_use"]
        switch type {
        case "auto": kind = .auto
        case "any": kind = .any
        case "none": kind = .none
        case "tool":
            kind = .tool(name: try container.decode(String.self, forKey: .name))
            known.insert("name")
        default: kind = .other(type)
        }
        disableParallelToolUse = try container.decodeIfPresent(Bool.self, forKey: .disableParallelToolUse)
        extra = try decoder.extraFields(excluding: known)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch kind {
        case .auto: try container.encode("auto", forKey: .type)
        case .any: try container.encode("any", forKey: .type)
        case .none: try container.encode("none", forKey: .type)
        case .tool(let name):
            try container.encode("tool", forKey: .type)
            try container.encode(name, forKey: .name)
        case .other(let type): try container.encode(type, forKey: .type)
        }
        try container.encodeIfPresent(disableParallelToolUse, forKey: .disableParallelToolUse)
        try encoder.encodeExtraFields(extra)
    }
}
