extension MockModel {
    /// Compact JSON text built by the mock: schema-shaped objects and escaped strings.
    enum SchemaJSON {
        /// A compact JSON object for a JSON Schema: `required` properties first, in their order,
        /// then the rest sorted by name, each valued by `value(for:)`; `{}` without properties.
        static func object(for schema: JSONValue?) -> String {
            guard let properties = schema?["properties"]?.objectValue, !properties.isEmpty else { return "{}" }
            var names: [String] = []
            for case .string(let name) in schema?["required"]?.arrayValue ?? []
            where properties[name] != nil && !names.contains(name) {
                names.append(name)
            }
            names += properties.keys.filter { !names.contains($0) }.sorted()
            let members = names.map { quoted($0) + ":" + value(for: properties[$0]) }
            return "{" + members.joined(separator: ",") + "}"
        }

        /// The mock value of one property schema: its first `enum` value, else by `type`.
        static func value(for property: JSONValue?) -> String {
            if let first = property?["enum"]?.arrayValue?.first {
                return text(of: first)
            }
            let type: String?
            switch property?["type"] {
            case .string(let name): type = name
            case .array(let names): type = names.compactMap(\.stringValue).first { $0 != "null" }
            default: type = nil
            }
            switch type {
            case "integer": return "1"
            case "number": return "1.5"
            case "boolean": return "true"
            case "array": return "[]"
            case "object": return "{}"
            case "null": return "null"
            default: return quoted("mock")
            }
        }

        /// Compact JSON text of a value, object keys sorted.
        static func text(of value: JSONValue) -> String {
            switch value {
            case .null: return "null"
            case .bool(let flag): return flag ? "true" : "false"
            case .number(let number):
                if number.rounded() == number, abs(number) < 9e15 { return String(Int64(number)) }
                return String(number)
            case .string(let string): return quoted(string)
            case .array(let items): return "[" + items.map(text(of:)).joined(separator: ",") + "]"
            case .object(let members):
                let pairs = members.keys.sorted().map { key in quoted(key) + ":" + text(of: members[key] ?? .null) }
                return "{" + pairs.joined(separator: ",") + "}"
            }
        }

        /// `string` as a JSON string literal.
        static func quoted(_ string: String) -> String {
            var out = "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case let control where control.value < 0x20:
                    let digits = String(control.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
                default:
                    out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
    }
}
