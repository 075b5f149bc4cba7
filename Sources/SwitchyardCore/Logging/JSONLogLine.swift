import Foundation
import Logging

/// One log event as one line of JSON (`general_settings.json_logs`), for log shippers that
/// read a JSON object per line:
///
/// `{"timestamp":"2026-12-06T12:00:00.123Z","level":"info","message":"…","logger":"switchyard","request_id":"…","switchyard.status":502}`
///
/// Metadata keys are kept as given; `switchyard.request_id` becomes `request_id`. Values that
/// are integers or finite numbers stay numbers, everything else is a string (lists and
/// dictionaries stay lists and objects). Every control character is escaped, so a line never
/// breaks; a Swift `String` is always valid Unicode (undecodable bytes were replaced with
/// U+FFFD when it was made), so the line is valid UTF-8.
public enum JSONLogLine {
    /// The metadata key whose value becomes `request_id`.
    public static let requestIDKey = "switchyard.request_id"

    /// The members every line starts with; a metadata key that repeats one of them is
    /// written as `metadata.<key>` instead.
    static let reserved: Set<String> = ["timestamp", "level", "message", "logger", "request_id"]

    public static func render(
        time: Date, level: Logger.Level, message: String, label: String, metadata: Logger.Metadata
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(160 + message.utf8.count)
        out.append(UInt8(ascii: "{"))
        member("timestamp", &out, first: true)
        string(timestamp(time), &out)
        member("level", &out)
        string(level.rawValue, &out)
        member("message", &out)
        string(message, &out)
        member("logger", &out)
        string(label, &out)
        if let requestID = metadata[requestIDKey] {
            member("request_id", &out)
            value(requestID, &out)
        }
        for key in metadata.keys.sorted() where key != requestIDKey {
            member(reserved.contains(key) ? "metadata.\(key)" : key, &out)
            value(metadata[key] ?? "", &out)
        }
        out.append(contentsOf: Array("}\n".utf8))
        return out
    }

    /// `2026-12-06T12:00:00.123Z`: UTC, milliseconds.
    public static func timestamp(_ time: Date) -> String {
        let milliseconds = Int64((time.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds.floorDivided(by: 1000))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(milliseconds.floorModulo(by: 1000)), 3))Z"
    }

    private static func member(_ key: String, _ out: inout [UInt8], first: Bool = false) {
        if !first { out.append(UInt8(ascii: ",")) }
        string(key, &out)
        out.append(UInt8(ascii: ":"))
    }

    private static func value(_ value: Logger.MetadataValue, _ out: inout [UInt8]) {
        switch value {
        case .string(let text):
            string(text, &out)
        case .stringConvertible(let convertible):
            if let number = numberText(convertible) {
                out.append(contentsOf: Array(number.utf8))
            } else if let flag = convertible as? Bool {
                out.append(contentsOf: Array((flag ? "true" : "false").utf8))
            } else {
                string(convertible.description, &out)
            }
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                self.value(item, &out)
            }
            out.append(UInt8(ascii: "]"))
        case .dictionary(let members):
            out.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                member(key, &out, first: index == 0)
                self.value(members[key] ?? "", &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Integers and finite floating-point numbers as JSON numbers.
    private static func numberText(_ value: any CustomStringConvertible & Sendable) -> String? {
        switch value {
        case let integer as any BinaryInteger: return integer.description
        case let double as Double: return double.isFinite ? double.description : nil
        case let float as Float: return float.isFinite ? float.description : nil
        default: return nil
        }
    }

    /// `text` as a JSON string: quotes, backslashes and every control character escaped, and
    /// U+2028 and U+2029 too (JavaScript reads them as line ends).
    static func string(_ text: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: [0x5C, 0x22])
            case "\\": out.append(contentsOf: [0x5C, 0x5C])
            case "\n": out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case "\r": out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case "\t": out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029:
                out.append(contentsOf: Array("\\u".utf8))
                out.append(contentsOf: Array(HexDigits.encode([UInt8(scalar.value >> 8), UInt8(scalar.value & 0xFF)]).utf8))
            default:
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    fileprivate func floorModulo(by divisor: Int64) -> Int64 {
        self - floorDivided(by: divisor) * divisor
    }
}
