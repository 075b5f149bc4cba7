/// One thing a detector found: its category and where it is, never the matched text, so a
/// finding can be logged as it is.
public struct GuardrailFinding: Sendable, Hashable, CustomStringConvertible {
    public var category: GuardrailCategory
    /// Byte offsets into the text's UTF-8 view.
    public var utf8Range: Range<Int>

    public init(_ category: GuardrailCategory, _ utf8Range: Range<Int>) {
        self.category = category
        self.utf8Range = utf8Range
    }

    /// The finding's range in `text`, the string it was found in.
    public func range(in text: String) -> Range<String.Index> {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: utf8Range.lowerBound)
        let upper = utf8.index(lower, offsetBy: utf8Range.count)
        return lower..<upper
    }

    /// `email@12..30`: safe to log.
    public var description: String { "\(category.rawValue)@\(utf8Range.lowerBound)..\(utf8Range.upperBound)" }
}
