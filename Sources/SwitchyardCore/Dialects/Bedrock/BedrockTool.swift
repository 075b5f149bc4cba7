/// One entry of `tools`: a `toolSpec`, or another kind (`cachePoint`, `systemTool`) kept whole.
public enum BedrockTool: Sendable, Hashable {
    case toolSpec(BedrockToolSpec)
    case other(JSONValue)

    /// The name of a tool spec, nil for other entries.
    public var name: String? {
        if case .toolSpec(let spec) = self { return spec.name }
        return nil
    }
}

extension BedrockTool: Codable {
    private enum CodingKeys: String, CodingKey { case toolSpec }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let spec = try container.decodeIfPresent(BedrockToolSpec.self, forKey: .toolSpec) {
            self = .toolSpec(spec)
        } else {
            self = .other(try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .toolSpec(let spec):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(spec, forKey: .toolSpec)
        case .other(let value):
            try value.encode(to: encoder)
        }
    }
}
