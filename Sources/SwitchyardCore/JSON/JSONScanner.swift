/// A validating, non-allocating JSON scanner that finds the members of a top-level object.
///
/// The hot path uses it to read `model` and `stream` from a request and `usage` from a
/// response without decoding the whole document, and to splice a body without
/// re-encoding what it does not change. Every byte is validated (RFC 8259), so a body the
/// scanner accepts is well-formed JSON.
public struct JSONScanner {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    private var depth = 0
    private static let maxDepth = 512

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Validates `bytes` as one JSON array and returns where each element lies, with its kind.
    public static func indexArray(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> [(range: Range<Int>, kind: JSONKind)] {
        var scanner = JSONScanner(bytes: bytes)
        return try scanner.scanTopLevelArray()
    }

    private mutating func scanTopLevelArray() throws(JSONSyntaxError) -> [(range: Range<Int>, kind: JSONKind)] {
        skipWhitespace()
        guard peek() == UInt8(ascii: "[") else { throw unexpected(expected: "a JSON array") }
        position += 1
        var elements: [(range: Range<Int>, kind: JSONKind)] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
        } else {
            while true {
                skipWhitespace()
                let start = position
                depth = 1
                let kind = try scanValue()
                elements.append((start..<position, kind))
                skipWhitespace()
                guard let next = peek() else { throw unexpected(expected: "',' or ']'") }
                position += 1
                if next == UInt8(ascii: "]") { break }
                guard next == UInt8(ascii: ",") else {
                    position -= 1
                    throw unexpected(expected: "',' or ']'")
                }
            }
        }
        skipWhitespace()
        guard position == bytes.count else { throw JSONSyntaxError(offset: position, reason: "unexpected data after the JSON array") }
        return elements
    }

    /// Validates `bytes` as one JSON object and returns where each top-level member lies.
    public static func indexObject(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONObjectIndex {
        var scanner = JSONScanner(bytes: bytes)
        scanner.skipWhitespace()
        guard scanner.peek() == UInt8(ascii: "{") else {
            if scanner.position >= bytes.count { throw JSONSyntaxError(offset: scanner.position, reason: "empty body") }
            throw JSONSyntaxError(offset: scanner.position, reason: "expected a JSON object")
        }
        let index = try scanner.scanTopLevelObject()
        scanner.skipWhitespace()
        guard scanner.position == bytes.count else {
            throw JSONSyntaxError(offset: scanner.position, reason: "unexpected data after the JSON object")
        }
        return index
    }

    /// Validates `bytes` as one JSON value of any kind.
    public static func validate(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) {
        var scanner = JSONScanner(bytes: bytes)
        scanner.skipWhitespace()
        _ = try scanner.scanValue()
        scanner.skipWhitespace()
        guard scanner.position == bytes.count else {
            throw JSONSyntaxError(offset: scanner.position, reason: "unexpected data after the JSON value")
        }
    }

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    /// JSON's insignificant whitespace (RFC 8259 §2): space, tab, line feed, carriage return.
    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
        guard peek() == byte else { throw unexpected(expected: what) }
        position += 1
    }

    private func unexpected(expected: String) -> JSONSyntaxError {
        if position >= bytes.count {
            return JSONSyntaxError(offset: position, reason: "unexpected end of data, expected \(expected)")
        }
        return JSONSyntaxError(offset: position, reason: "expected \(expected)")
    }

    private mutating func scanTopLevelObject() throws(JSONSyntaxError) -> JSONObjectIndex {
        let open = position
        position += 1
        var members: [JSONObjectIndex.Member] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return JSONObjectIndex(members: members, objectRange: open..<position)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw unexpected(expected: "a member name in quotes") }
            let keyStart = position
            let keyHasEscapes = try scanString()
            let keyRange = keyStart..<position
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after a member name")
            skipWhitespace()
            let valueStart = position
            let kind = try scanValue()
            members.append(
                JSONObjectIndex.Member(
                    key: Self.decodeKey(bytes, keyRange, hasEscapes: keyHasEscapes),
                    keyRange: keyRange,
                    valueRange: valueStart..<position,
                    kind: kind
                )
            )
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return JSONObjectIndex(members: members, objectRange: open..<position)
            default: throw unexpected(expected: "',' or '}'")
            }
        }
    }

    private mutating func scanValue() throws(JSONSyntaxError) -> JSONKind {
        guard let byte = peek() else { throw unexpected(expected: "a value") }
        switch byte {
        case UInt8(ascii: "{"):
            try scanContainer(close: UInt8(ascii: "}"), isObject: true)
            return .object
        case UInt8(ascii: "["):
            try scanContainer(close: UInt8(ascii: "]"), isObject: false)
            return .array
        case UInt8(ascii: "\""):
            _ = try scanString()
            return .string
        case UInt8(ascii: "t"):
            try scanLiteral("true")
            return .bool
        case UInt8(ascii: "f"):
            try scanLiteral("false")
            return .bool
        case UInt8(ascii: "n"):
            try scanLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber()
            return .number
        default:
            throw unexpected(expected: "a value")
        }
    }

    private mutating func scanContainer(close: UInt8, isObject: Bool) throws(JSONSyntaxError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw JSONSyntaxError(offset: position, reason: "nested too deeply") }
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        if peek() == close {
            position += 1
            return
        }
        while true {
            skipWhitespace()
            if isObject {
                guard peek() == UInt8(ascii: "\"") else { throw unexpected(expected: "a member name in quotes") }
                _ = try scanString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "':' after a member name")
                skipWhitespace()
            }
            _ = try scanValue()
            skipWhitespace()
            guard let next = peek() else { throw unexpected(expected: isObject ? "',' or '}'" : "',' or ']'") }
            if next == UInt8(ascii: ",") {
                position += 1
            } else if next == close {
                position += 1
                return
            } else {
                throw unexpected(expected: isObject ? "',' or '}'" : "',' or ']'")
            }
        }
    }

    /// Scans a string starting at its opening quote; returns whether it held escapes.
    private mutating func scanString() throws(JSONSyntaxError) -> Bool {
        position += 1
        var hasEscapes = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return hasEscapes
            } else if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                position += 1
                guard let escaped = peek() else { break }
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 1
                case UInt8(ascii: "u"):
                    position += 1
                    for _ in 0..<4 {
                        guard let hex = peek(), Self.isHexDigit(hex) else {
                            throw JSONSyntaxError(offset: position, reason: "invalid \\u escape in a string")
                        }
                        position += 1
                    }
                default:
                    throw JSONSyntaxError(offset: position, reason: "invalid escape in a string")
                }
            } else if byte < 0x20 {
                throw JSONSyntaxError(offset: position, reason: "unescaped control character in a string")
            } else {
                position += 1
            }
        }
        throw JSONSyntaxError(offset: position, reason: "unterminated string")
    }

    private mutating func scanLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let start = position
        for expected in UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount) {
            guard peek() == expected else {
                throw JSONSyntaxError(offset: start, reason: "invalid literal, expected \(literal)")
            }
            position += 1
        }
    }

    private mutating func scanNumber() throws(JSONSyntaxError) {
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), Self.isDigit(first) else { throw unexpected(expected: "a digit") }
        position += 1
        if first != UInt8(ascii: "0") {
            while let byte = peek(), Self.isDigit(byte) { position += 1 }
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard let byte = peek(), Self.isDigit(byte) else { throw unexpected(expected: "a digit after '.'") }
            while let byte = peek(), Self.isDigit(byte) { position += 1 }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            position += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            guard let digit = peek(), Self.isDigit(digit) else { throw unexpected(expected: "a digit in the exponent") }
            while let byte = peek(), Self.isDigit(byte) { position += 1 }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }

    private static func decodeKey(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, hasEscapes: Bool) -> String {
        let inner = UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
        if !hasEscapes {
            return String(decoding: inner, as: UTF8.self)
        }
        return JSONStringDecoding.unescape(UnsafeRawBufferPointer(rebasing: bytes[range])) ?? ""
    }
}

/// The kind of a scanned JSON value.
public enum JSONKind: Sendable, Equatable {
    case object, array, string, number, bool, null
}

/// Where a JSON document breaks the grammar.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var reason: String

    public var description: String { "malformed JSON at byte \(offset): \(reason)" }
}
