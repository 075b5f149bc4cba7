import Foundation
import Yams

extension ConfigReader {
    /// The lower bound a number must respect.
    enum Bound {
        case nonNegative, positive
    }

    /// A scalar's text with `os.environ/NAME` resolved; nil (without a problem) for null.
    ///
    /// A missing environment variable is a warning and reads as nil, as if the key were absent.
    mutating func string(_ node: Node, at path: ConfigPath) -> String? {
        guard let text = literal(node, at: path) else { return nil }
        return resolvingEnvironment(text, at: path, node: node)
    }

    /// A scalar's text as written, without environment resolution; nil for null.
    mutating func literal(_ node: Node, at path: ConfigPath) -> String? {
        if node.isYAMLNull { return nil }
        guard case .scalar(let scalar) = node else {
            error(path, "expected a string", at: node)
            return nil
        }
        return scalar.string
    }

    /// Resolves `os.environ/NAME`; any other text is returned as is.
    mutating func resolvingEnvironment(_ text: String, at path: ConfigPath, node: Node?) -> String? {
        let marker = "os.environ/"
        guard text.hasPrefix(marker) else { return text }
        let name = String(text.dropFirst(marker.count))
        guard let value = environment[name] else {
            warning(path, "environment variable \(name) is not set", at: node)
            return nil
        }
        return value
    }

    /// A whole number ≥ 0; numeric strings such as `"60"` are accepted.
    mutating func integer(_ node: Node, at path: ConfigPath) -> Int? {
        guard let text = string(node, at: path) else { return nil }
        guard let value = Self.parseNumber(text), value.rounded() == value, abs(value) < 9e15 else {
            error(path, "expected an integer", at: node)
            return nil
        }
        guard value >= 0 else {
            error(path, "must be 0 or greater", at: node)
            return nil
        }
        return Int(value)
    }

    /// A finite number within `bound`; numeric strings are accepted.
    mutating func number(_ node: Node, at path: ConfigPath, _ bound: Bound) -> Double? {
        guard let text = string(node, at: path) else { return nil }
        guard let value = Self.parseNumber(text) else {
            error(path, "expected a number", at: node)
            return nil
        }
        switch bound {
        case .nonNegative where value < 0:
            error(path, "must be 0 or greater", at: node)
            return nil
        case .positive where value <= 0:
            error(path, "must be greater than 0", at: node)
            return nil
        default:
            return value
        }
    }

    /// A finite number greater than 0, for factors (`billing_multiplier`, `credits_per_usd`)
    /// where 0 or a word is one mistake with one message: `must be a positive number`.
    mutating func positiveNumber(_ node: Node, at path: ConfigPath) -> Double? {
        guard let text = string(node, at: path) else { return nil }
        guard let value = Self.parseNumber(text), value > 0 else {
            error(path, "must be a positive number", at: node)
            return nil
        }
        return value
    }

    /// true/false, yes/no or on/off in any case, bare or quoted.
    mutating func bool(_ node: Node, at path: ConfigPath) -> Bool? {
        guard let text = string(node, at: path) else { return nil }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error(path, "expected true or false", at: node)
            return nil
        }
    }

    /// A list of strings with each item's node and path; null items are skipped.
    mutating func stringItems(_ node: Node, at path: ConfigPath) -> [(value: String, node: Node, path: ConfigPath)]? {
        guard let items = items(of: node, at: path) else { return nil }
        return items.compactMap { item in
            string(item.node, at: item.path).map { ($0, item.node, item.path) }
        }
    }

    /// A list of strings.
    mutating func stringList(_ node: Node, at path: ConfigPath) -> [String]? {
        stringItems(node, at: path)?.map(\.value)
    }

    /// A mapping of strings to strings (`extra_headers`).
    mutating func stringMap(_ node: Node, at path: ConfigPath) -> [String: String]? {
        guard let entries = entries(of: node, at: path) else { return nil }
        var result: [String: String] = [:]
        for entry in entries {
            if let value = string(entry.value, at: entry.path) {
                result[entry.key] = value
            }
        }
        return result
    }

    /// Accepts what YAML users write for numbers: `60`, `"60"`, `2.5e-6`, `1_000`.
    static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        guard let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }
}
