/// Whether and which tool the model must call in a Responses request (`tool_choice`).
///
/// `"none"`, `"auto"`, `"required"`, or `{"type": "function", "name"}` (flat, unlike chat's);
/// any other shape (a built-in tool such as `{"type": "web_search_preview"}`, `allowed_tools`,
/// an unknown string) is kept whole in `.other`.
public enum ResponsesToolChoice: Sendable, Hashable {
    case none
    case auto
    case required
    /// Call exactly this function.
    case function(name: String)
    case other(JSONValue)
}

extension ResponsesToolChoice: Codable {
    public init(from decoder: Decoder) throws {
        let value = try JSONValue(from: decoder)
        switch value {
        case .string("none"): self = .none
        case .string("auto"): self = .auto
        case .string("required"): self = .required
        default:
            if value["type"]?.stringValue == "function", let name = value["name"]?.stringValue, value.objectValue?.count == 2 {
                self = .function(name: name)
            } else {
                self = .other(value)
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        let value: JSONValue
        switch self {
        case .none: value = "none"
        case .auto: value = "auto"
        case .required: value = "required"
        case .function(let name): value = ["type": "function", "name": .string(name)]
        case .other(let other): value = other
        }
        try value.encode(to: encoder)
    }
}
