import Foundation

/// A `blocked_patterns` regex, compiled once when the config is loaded.
///
/// `NSRegularExpression` is immutable and documented as safe to use from several threads,
/// which is why this wrapper may be `Sendable`.
public struct GuardrailPattern: @unchecked Sendable, CustomStringConvertible {
    /// The regex as written in the config.
    public let source: String
    private let expression: NSRegularExpression

    /// Compiles `source` (ICU syntax); throws when it is not a valid regex.
    public init(_ source: String) throws {
        self.source = source
        expression = try NSRegularExpression(pattern: source)
    }

    /// The UTF-8 ranges of every match in `text`.
    public func matches(in text: String) -> [Range<Int>] {
        let whole = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.matches(in: text, range: whole).compactMap { result in
            guard result.range.length > 0, let range = Range(result.range, in: text) else { return nil }
            let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
            return start..<(start + text.utf8.distance(from: range.lowerBound, to: range.upperBound))
        }
    }

    public var description: String { source }
}
