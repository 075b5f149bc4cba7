/// Reads and writes `stop`, which OpenAI accepts as a string or an array of strings.
///
/// Request types expose `stop` as `[String]` and remember whether it came as a single string,
/// so a pass-through writes it back in the shape the client sent.
enum OpenAIStopField {
    /// Decodes `stop` at `key`: the sequences, and whether they arrived as one bare string.
    static func decode<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>,
        forKey key: Key
    ) throws -> (values: [String]?, asString: Bool) {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return (nil, false) }
        if let single = try? container.decode(String.self, forKey: key) {
            return ([single], true)
        }
        return (try container.decode([String].self, forKey: key), false)
    }

    /// Encodes `stop` at `key`: a bare string when it came as one and still holds one value.
    static func encode<Key: CodingKey>(
        _ values: [String]?,
        asString: Bool,
        to container: inout KeyedEncodingContainer<Key>,
        forKey key: Key
    ) throws {
        guard let values else { return }
        if asString, values.count == 1, let single = values.first {
            try container.encode(single, forKey: key)
        } else {
            try container.encode(values, forKey: key)
        }
    }
}
