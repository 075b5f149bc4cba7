import Foundation
import SwitchyardCore

/// What must hold of any index the scanner returns: ranges inside the input, in order,
/// separated only by JSON punctuation, each value a JSON value of the recorded kind; and
/// every lookup agreeing with the bytes it reads.
enum JSONIndexChecks {
    /// How deep `object(_:in:)` lookups are followed; deeper levels add time, not coverage.
    static let nestingChecked = 3

    static func check(_ index: JSONObjectIndex, in bytes: UnsafeRawBufferPointer, depth: Int = 0) {
        let object = index.objectRange
        fuzzCheck(object.lowerBound >= 0 && object.upperBound <= bytes.count, "object range \(object) outside \(bytes.count) bytes")
        fuzzCheck(object.count >= 2 && bytes[object.lowerBound] == UInt8(ascii: "{") && bytes[object.upperBound - 1] == UInt8(ascii: "}"),
                  "object range \(object) is not braced")
        var previousEnd = object.lowerBound + 1
        var separator: UInt8? = nil
        for member in index.members {
            checkGap(bytes, previousEnd..<member.keyRange.lowerBound, holds: separator)
            fuzzCheck(member.keyRange.count >= 2, "key range \(member.keyRange) too short")
            fuzzCheck(JSONKind(delimiting: slice(bytes, member.keyRange)) == .string, "key range \(member.keyRange) is not a string")
            checkGap(bytes, member.keyRange.upperBound..<member.valueRange.lowerBound, holds: UInt8(ascii: ":"))
            fuzzCheck(member.valueRange.upperBound < object.upperBound, "value range \(member.valueRange) runs past the object")
            let value = slice(bytes, member.valueRange)
            fuzzCheck(JSONKind(delimiting: value) == member.kind, "value at \(member.valueRange) is not a \(member.kind)")
            fuzzCheck((try? JSONScanner.validate(value)) != nil, "value at \(member.valueRange) is not JSON on its own")
            previousEnd = member.valueRange.upperBound
            separator = UInt8(ascii: ",")
        }
        checkGap(bytes, previousEnd..<(object.upperBound - 1), holds: nil)
        checkLookups(index, in: bytes, depth: depth)
    }

    /// Only whitespace between two ranges, around exactly one `punctuation` when given.
    private static func checkGap(_ bytes: UnsafeRawBufferPointer, _ gap: Range<Int>, holds punctuation: UInt8?) {
        fuzzCheck(gap.lowerBound <= gap.upperBound, "ranges overlap or run backwards at \(gap)")
        var found = 0
        for offset in gap {
            let byte = bytes[offset]
            if byte == punctuation { found += 1 } else {
                fuzzCheck([0x20, 0x09, 0x0A, 0x0D].contains(byte), "byte \(byte) at \(offset) between members")
            }
        }
        fuzzCheck(found == (punctuation == nil ? 0 : 1), "\(found) separators in \(gap)")
    }

    private static func checkLookups(_ index: JSONObjectIndex, in bytes: UnsafeRawBufferPointer, depth: Int) {
        var last: [String: JSONObjectIndex.Member] = [:]
        for member in index.members { last[member.key] = member }
        for (key, member) in last {
            fuzzCheck(index.member(key)?.keyRange == member.keyRange, "member(\(key)) is not the last of its name")
            let literal = slice(bytes, member.valueRange)
            let text = String(decoding: literal, as: UTF8.self)
            switch member.kind {
            case .string:
                let scanned = index.string(key, in: bytes)
                let decoded = try? JSONDecoder().decode(String.self, from: Data(literal))
                fuzzCheck(decoded == nil || scanned == decoded, "string(\(key)) is \(String(describing: scanned)), JSONDecoder reads \(String(describing: decoded))")
            case .bool:
                fuzzCheck(index.bool(key, in: bytes) == (text == "true"), "bool(\(key)) misreads \(text)")
            case .number:
                checkInt(index.int(key, in: bytes), literal: text, key: key)
            case .object:
                guard let inner = index.object(key, in: bytes) else {
                    fuzzCheck(false, "object(\(key)) found no object at \(member.valueRange)")
                    continue
                }
                if depth < nestingChecked { check(inner.index, in: inner.bytes, depth: depth + 1) }
            case .array, .null:
                fuzzCheck(index.string(key, in: bytes) == nil && index.int(key, in: bytes) == nil, "\(key) read as a scalar")
            }
            _ = try? index.decode(JSONValue.self, key, in: bytes)
        }
    }

    /// Whole numbers of up to 18 digits must be read exactly; nothing else may read as one.
    private static func checkInt(_ read: Int?, literal: String, key: String) {
        let isWhole = !literal.contains { $0 == "." || $0 == "e" || $0 == "E" }
        let digits = literal.hasPrefix("-") ? literal.count - 1 : literal.count
        if let read {
            fuzzCheck(isWhole && Int(literal) == read, "int(\(key)) read \(read) from \(literal)")
        } else {
            fuzzCheck(!isWhole || digits > 18, "int(\(key)) could not read \(literal)")
        }
    }

    static func slice(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[range])
    }
}
