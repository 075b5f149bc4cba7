/// An image size as the OpenAI images API writes it: `"1024x1024"` or `"auto"`.
public enum ImageSize: Sendable, Hashable, CustomStringConvertible {
    case auto
    case pixels(width: Int, height: Int)

    /// Parses `WxH` (the `x` in either case, positive integers) or `auto`; nil otherwise.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        if trimmed.lowercased() == "auto" {
            self = .auto
            return
        }
        let pieces = trimmed.split(whereSeparator: { $0 == "x" || $0 == "X" })
        guard pieces.count == 2, let width = Int(pieces[0]), let height = Int(pieces[1]), width > 0, height > 0 else { return nil }
        self = .pixels(width: width, height: height)
    }

    /// The width in pixels; nil for `auto`.
    public var width: Int? {
        if case .pixels(let width, _) = self { return width }
        return nil
    }

    /// The height in pixels; nil for `auto`.
    public var height: Int? {
        if case .pixels(_, let height) = self { return height }
        return nil
    }

    /// Width times height; nil for `auto`.
    public var pixelCount: Int? {
        guard let width, let height else { return nil }
        return width * height
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .pixels(let width, let height): "\(width)x\(height)"
        }
    }
}
