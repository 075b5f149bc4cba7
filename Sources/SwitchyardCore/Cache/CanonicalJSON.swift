import Foundation

/// One text for every way of writing the same JSON: object members sorted by key, no
/// whitespace, numbers in their shortest form (`1.0`, `1` and `1e0` are one number), strings
/// with escapes resolved. Two bodies that mean the same request give the same bytes.
///
/// Numbers are read as doubles: integers beyond 2^53 that differ only past that precision
/// (a `seed` of 2^60 and 2^60+1) read as one.
public enum CanonicalJSON {
    public static func encode(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): out.append(contentsOf: format(number).utf8)
        case .string(let text): string(text, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (offset, item) in items.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                encode(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            // Sorted by UTF-8 bytes, not by `String`'s Unicode ordering, so the order is a
            // fact of the bytes alone.
            let sorted = members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            for (offset, member) in sorted.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                string(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                encode(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    public static func encode(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        encode(value, into: &out)
        return out
    }

    /// Integers without a fraction; anything else in Swift's shortest round-trip form.
    static func format(_ number: Double) -> String {
        if number == 0 { return "0" }  // -0 too
        if number.rounded() == number, abs(number) < 9_007_199_254_740_992 { return String(Int64(number)) }
        return "\(number)"
    }

    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0..<0x20: out.append(contentsOf: String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension CanonicalJSON {
    /// The canonical form of a JSON document read straight from its bytes with the scanner
    /// (no `JSONValue` built): the same text `encode(_:)` gives for the decoded value.
    /// `skipping` names top-level object members left out.
    public static func encode(raw bytes: UnsafeRawBufferPointer, kind: JSONKind, skipping: Set<String> = [], into out: inout [UInt8]) throws(JSONSyntaxError) {
        switch kind {
        case .object:
            let index = try JSONScanner.indexObject(bytes)
            // The last of a duplicated key wins, as decoders keep it.
            var seen: Set<String> = []
            var members: [JSONObjectIndex.Member] = []
            for member in index.members.reversed() where !skipping.contains(member.key) && seen.insert(member.key).inserted {
                members.append(member)
            }
            members.sort { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            out.append(UInt8(ascii: "{"))
            for (offset, member) in members.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                string(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                try encode(raw: UnsafeRawBufferPointer(rebasing: bytes[member.valueRange]), kind: member.kind, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array:
            out.append(UInt8(ascii: "["))
            for (offset, element) in try JSONScanner.indexArray(bytes).enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                try encode(raw: UnsafeRawBufferPointer(rebasing: bytes[element.range]), kind: element.kind, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .string:
            // Without escapes, a literal's bytes are already its canonical form.
            if !bytes.contains(UInt8(ascii: "\\")) {
                out.append(contentsOf: bytes)
            } else if let text = JSONStringDecoding.decode(bytes) {
                string(text, into: &out)
            } else {
                throw JSONSyntaxError(offset: 0, reason: "a string that cannot be decoded")
            }
        case .number:
            guard let number = Double(String(decoding: bytes, as: UTF8.self)) else {
                throw JSONSyntaxError(offset: 0, reason: "a number that cannot be read")
            }
            out.append(contentsOf: format(number).utf8)
        case .bool, .null:
            out.append(contentsOf: bytes)
        }
    }
}
