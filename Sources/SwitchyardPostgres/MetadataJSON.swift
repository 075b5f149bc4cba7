import Foundation
import SwitchyardCore

/// `metadata` columns as JSON text: written as `jsonb`, read back as `metadata::text`.
enum MetadataJSON {
    static func encode(_ metadata: [String: JSONValue]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(metadata), as: UTF8.self)
    }

    /// Reads a stored object; anything else (a row edited by hand to `null`, say) reads as
    /// empty, so one odd row cannot stop the gateway from loading every key.
    static func decode(_ text: String) -> [String: JSONValue] {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return [:] }
        return value.objectValue ?? [:]
    }
}
