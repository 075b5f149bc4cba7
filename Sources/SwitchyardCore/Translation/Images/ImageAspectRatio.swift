/// The aspect ratio a provider takes for an OpenAI `size` (`1536x1024` → `3:2`).
enum ImageAspectRatio {
    /// The ratios of Gemini image models (`imageConfig.aspectRatio`).
    static let gemini = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"]
    /// The ratios of Imagen (`parameters.aspectRatio`).
    static let imagen = ["1:1", "3:4", "4:3", "9:16", "16:9"]

    /// The supported ratio nearest to `size`'s, comparing ratios by their quotient so `3:2` is
    /// as far from `4:3` as `4:3` from `3:2`; nil for no size or `auto`.
    ///
    /// An explicit `aspect_ratio` in the request's `extra` (a common extension) wins as is.
    static func forRequest(_ request: ImageGenerationRequest, among supported: [String]) throws -> String? {
        if let explicit = request.extra["aspect_ratio"]?.stringValue { return explicit }
        guard let size = request.size?.lowercased(), size != "auto" else { return nil }
        let sides = size.split(separator: "x").compactMap { Int($0) }
        guard sides.count == 2, sides[0] > 0, sides[1] > 0 else {
            throw GatewayError.invalidRequest(
                "`size` must be WIDTHxHEIGHT (such as 1024x1024) or auto; got `\(size)`.",
                param: "size"
            )
        }
        let wanted = Double(sides[0]) / Double(sides[1])
        return supported.min { distance(wanted, ratio($0)) < distance(wanted, ratio($1)) }
    }

    private static func ratio(_ text: String) -> Double {
        let parts = text.split(separator: ":").compactMap { Double($0) }
        guard parts.count == 2, parts[1] > 0 else { return 1 }
        return parts[0] / parts[1]
    }

    private static func distance(_ a: Double, _ b: Double) -> Double {
        max(a / b, b / a)
    }
}
