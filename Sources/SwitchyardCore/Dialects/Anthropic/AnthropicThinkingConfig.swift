/// Extended thinking (`thinking`): `{"type": "enabled", "budget_tokens"}` or `{"type": "disabled"}`.
///
/// Other configurations (`{"type": "adaptive"}` and whatever comes next) are kept whole.
public enum AnthropicThinkingConfig: Sendable, Hashable {
    /// Think with at most `budgetTokens` tokens (≥ 1024 and below `max_tokens`).
    case enabled(budgetTokens: Int, extra: [String: JSONValue] = [:])
    case disabled(extra: [String: JSONValue] = [:])
    case other(JSONValue)

    /// The thinking budget when thinking is enabled.
    public var budgetTokens: Int? {
        if case .enabled(let budget, _) = self { return budget }
        return nil
    }

    /// Whether the model thinks (enabled, or an unmodelled mode such as adaptive).
    public var isEnabled: Bool {
        if case .disabled = self { return false }
        return true
    }
}

extension AnthropicThinkingConfig: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
        case budgetTokens = "budget_tokens"
    }

    public init(from decoder: Decoder) throws {
        let value = try JSONValue(from: decoder)
        switch value["type"]?.stringValue {
        case "enabled":
            guard let budget = value["budget_tokens"]?.intValue else {
                self = .other(value)
                return
            }
            let extra = value.objectValue?.filter { $0.key != "type" && $0.key != "budget_tokens" } ?? [:]
            self = .enabled(budgetTokens: budget, extra: extra)
        case "disabled":
            self = .disabled(extra: value.objectValue?.filter { $0.key != "type" } ?? [:])
        default:
            self = .other(value)
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .enabled(let budget, let extra):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("enabled", forKey: .type)
            try container.encode(budget, forKey: .budgetTokens)
            try encoder.encodeExtraFields(extra)
        case .disabled(let extra):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("disabled", forKey: .type)
            try encoder.encodeExtraFields(extra)
        case .other(let value):
            try value.encode(to: encoder)
        }
    }
}
