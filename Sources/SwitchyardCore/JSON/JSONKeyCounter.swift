/// Counts the members named `keys` in a JSON document read piece by piece, however the pieces
/// split it: `"b64_json"` or `"url"` once per image of an image answer, `"markdown"` once per
/// page of an OCR answer. Inside a JSON string a quote is escaped, so a quoted key name can
/// only stand as a key (or as a whole string value, which these answers never hold).
public struct JSONKeyCounter: Sendable {
    private let needles: [[UInt8]]
    private let longest: Int
    /// The last bytes of the previous piece: the start of a key the next piece may finish.
    private var carry: [UInt8] = []
    public private(set) var count = 0

    public init(keys: [String]) {
        needles = keys.map { Array("\"\($0)\"".utf8) }
        longest = needles.map(\.count).max() ?? 0
    }

    public mutating func scan(_ piece: UnsafeRawBufferPointer) {
        guard longest > 0 else { return }
        // Keys split between the carry and this piece: they start in the carry.
        if !carry.isEmpty {
            let window = carry + piece.prefix(longest - 1)
            count += window.withUnsafeBytes { occurrences(in: $0) { $0 < carry.count && $1 > carry.count } }
        }
        count += occurrences(in: piece) { _, _ in true }
        carry = Array((carry + piece.suffix(longest - 1)).suffix(longest - 1))
    }

    /// Occurrences of any needle whose start and end offsets satisfy `accept`.
    private func occurrences(in bytes: UnsafeRawBufferPointer, where accept: (Int, Int) -> Bool) -> Int {
        var found = 0
        var from = 0
        while let quote = JSONScanner.firstQuote(in: bytes, from: from) {
            for needle in needles where JSONScanner.matches(needle, in: bytes, at: quote) {
                if accept(quote, quote + needle.count) { found += 1 }
            }
            from = quote + 1
        }
        return found
    }
}
