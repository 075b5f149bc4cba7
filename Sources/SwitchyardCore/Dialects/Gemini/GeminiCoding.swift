/// Reads the members of one Gemini JSON object by camelCase name or by its snake_case twin.
///
/// The Gemini API parses bodies with protobuf JSON rules, which accept both spellings
/// (`systemInstruction` and `system_instruction`, `inlineData` and `inline_data`); Google's own
/// REST samples use both, so the gateway must read both. Writing always uses camelCase.
/// Values carried as `JSONValue` (function arguments, schemas) are never respelled.
struct GeminiObjectReader {
    private let decoder: Decoder
    private let container: KeyedDecodingContainer<AnyCodingKey>

    init(_ decoder: Decoder) throws {
        self.decoder = decoder
        self.container = try decoder.container(keyedBy: AnyCodingKey.self)
    }

    /// The member `name` (or its snake_case spelling); nil when absent or `null`.
    func optional<T: Decodable>(_ type: T.Type, _ name: String) throws -> T? {
        for spelling in Self.spellings(of: name) {
            let key = AnyCodingKey(spelling)
            if container.contains(key), try !container.decodeNil(forKey: key) {
                return try container.decode(type, forKey: key)
            }
        }
        return nil
    }

    /// The member `name`, which must be present.
    func required<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        guard let value = try optional(type, name) else {
            throw DecodingError.keyNotFound(
                AnyCodingKey(name),
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "`\(name)` is required")
            )
        }
        return value
    }

    /// The members that are none of `known`, in either spelling.
    func extra(known: [String]) throws -> [String: JSONValue] {
        try decoder.extraFields(excluding: Set(known.flatMap(Self.spellings(of:))))
    }

    /// `name` and, when it differs, its snake_case form (`fileUri` → `file_uri`).
    static func spellings(of name: String) -> [String] {
        var snake = ""
        for character in name {
            if character.isUppercase {
                snake += "_" + character.lowercased()
            } else {
                snake.append(character)
            }
        }
        return snake == name ? [name] : [name, snake]
    }
}

/// Writes the members of one Gemini JSON object in camelCase, leaving out nil values.
struct GeminiObjectWriter {
    private var container: KeyedEncodingContainer<AnyCodingKey>

    init(_ encoder: Encoder) {
        container = encoder.container(keyedBy: AnyCodingKey.self)
    }

    /// Writes `value` under `name` unless it is nil.
    mutating func put<T: Encodable>(_ value: T?, _ name: String) throws {
        try container.encodeIfPresent(value, forKey: AnyCodingKey(name))
    }
}
