import Foundation

/// The JSON text stores keep in list and object columns (models, tags, metadata).
public enum StoreJSON {
    public static func encode(_ strings: [String]) -> String {
        if strings.isEmpty { return "[]" }
        return (try? String(decoding: JSONEncoder().encode(strings), as: UTF8.self)) ?? "[]"
    }

    public static func encode(_ object: [String: JSONValue]) -> String {
        if object.isEmpty { return "{}" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? String(decoding: encoder.encode(object), as: UTF8.self)) ?? "{}"
    }

    public static func strings(_ text: String?) -> [String] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    public static func object(_ text: String?) -> [String: JSONValue] {
        guard let text else { return [:] }
        return (try? JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))) ?? [:]
    }
}
