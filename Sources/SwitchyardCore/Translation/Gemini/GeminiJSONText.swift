#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// JSON text in and out of `JSONValue`, for function arguments and tool results.
enum GeminiJSONText {
    /// Compact JSON with sorted keys, so the same value always gives the same text.
    static func compact(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The value `text` holds, or nil when it is not one JSON value.
    static func parse(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// The object `text` holds; nil when it is not JSON or not an object.
    static func parseObject(_ text: String) -> [String: JSONValue]? {
        parse(text)?.objectValue
    }
}
