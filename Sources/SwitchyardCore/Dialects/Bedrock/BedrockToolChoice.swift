/// Whether and which tool the model must call: `{"auto": {}}`, `{"any": {}}` or
/// `{"tool": {"name"}}`.
public enum BedrockToolChoice: Sendable, Hashable {
    case auto
    case any
    case tool(name: String)
}

extension BedrockToolChoice: Codable {
    private enum CodingKeys: String, CodingKey { case auto, any, tool }
    private enum ToolKeys: String, CodingKey { case name }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.tool) {
            let tool = try container.nestedContainer(keyedBy: ToolKeys.self, forKey: .tool)
            self = .tool(name: try tool.decode(String.self, forKey: .name))
        } else if container.contains(.any) {
            self = .any
        } else {
            self = .auto
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .auto: try container.encode([String: JSONValue](), forKey: .auto)
        case .any: try container.encode([String: JSONValue](), forKey: .any)
        case .tool(let name):
            var tool = container.nestedContainer(keyedBy: ToolKeys.self, forKey: .tool)
            try tool.encode(name, forKey: .name)
        }
    }
}
