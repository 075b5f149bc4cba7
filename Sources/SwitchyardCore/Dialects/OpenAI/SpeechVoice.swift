/// The voice of a speech request: a built-in voice's name (`"alloy"`) or a custom voice
/// (`{"id": "voice_1234"}`).
public enum SpeechVoice: Sendable, Hashable {
    case name(String)
    case id(String)

    /// The name or id, whichever this is.
    public var value: String {
        switch self {
        case .name(let value), .id(let value): value
        }
    }
}

extension SpeechVoice: Codable {
    private enum CodingKeys: String, CodingKey { case id }

    public init(from decoder: Decoder) throws {
        if let name = try? decoder.singleValueContainer().decode(String.self) {
            self = .name(name)
        } else {
            self = .id(try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .id))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .name(let name):
            var container = encoder.singleValueContainer()
            try container.encode(name)
        case .id(let id):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
        }
    }
}
