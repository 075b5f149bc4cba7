/// A coding key for any member name, used to read and write the unknown-field bag.
public struct AnyCodingKey: CodingKey, Hashable, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(_ string: String) { self.stringValue = string }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { return nil }
}

extension Decoder {
    /// The members of the current JSON object whose names are not in `known`.
    ///
    /// Codable wire types keep these in `extra` so a pass-through never drops what a client sent.
    public func extraFields(excluding known: Set<String>) throws -> [String: JSONValue] {
        let container = try container(keyedBy: AnyCodingKey.self)
        var extra: [String: JSONValue] = [:]
        for key in container.allKeys where !known.contains(key.stringValue) {
            extra[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        return extra
    }
}

extension Encoder {
    /// Writes the unknown-field bag back beside the known members.
    public func encodeExtraFields(_ extra: [String: JSONValue]) throws {
        guard !extra.isEmpty else { return }
        var container = container(keyedBy: AnyCodingKey.self)
        for (name, value) in extra {
            try container.encode(value, forKey: AnyCodingKey(name))
        }
    }
}
