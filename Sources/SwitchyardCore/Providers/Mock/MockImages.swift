import Foundation
import NIOCore

/// OpenAI's image generation, edit and variation endpoints, answered with solid-colour PNGs.
///
/// Each image is an 8x8 PNG whatever `size` asks for (the mock's answers stay small); its
/// colour derives from FNV-1a of the prompt (and, for edits and variations, of the input
/// images' bytes) and the image's index, so the same request gets the same pictures.
/// `n` defaults to 1 and must be 1…10. Models whose name starts with `gpt-image` answer
/// `b64_json` only, with `usage` and the `background`/`output_format`/`quality`/`size`
/// members; other models honour `response_format` (`b64_json` or `url`) and, for
/// `dall-e-3`, add a `revised_prompt`.
enum MockImages {
    static let pixels = 8

    static func generations(_ request: MockMediaRequest, created: Int) throws(GatewayError) -> MockProviderHandler.Answer {
        let prompt = try request.requiredString("prompt")
        let model = try request.string("model") ?? "dall-e-2"
        return try answer(request, model: model, prompt: prompt, seed: MockModel.Hashing.fnv1a(prompt), inputImages: 0, created: created)
    }

    static func edits(_ request: MockMediaRequest, created: Int) throws(GatewayError) -> MockProviderHandler.Answer {
        let images = try inputImages(request)
        let prompt = try request.requiredString("prompt")
        let model = try request.string("model") ?? "dall-e-2"
        let seed = images.reduce(MockModel.Hashing.fnv1a(prompt)) { MockModel.Hashing.fnv1a(bytes: $1.body.readableBytesView, continuing: $0) }
        return try answer(request, model: model, prompt: prompt, seed: seed, inputImages: images.count, created: created)
    }

    static func variations(_ request: MockMediaRequest, created: Int) throws(GatewayError) -> MockProviderHandler.Answer {
        let images = try inputImages(request)
        let model = try request.string("model") ?? "dall-e-2"
        let seed = MockModel.Hashing.fnv1a(bytes: images[0].body.readableBytesView)
        return try answer(request, model: model, prompt: nil, seed: seed, inputImages: 1, created: created)
    }

    /// The `image` files (`image`, `image[]`); at least one.
    private static func inputImages(_ request: MockMediaRequest) throws(GatewayError) -> [MultipartForm.Part] {
        let images = request.form?.files("image") ?? []
        guard !images.isEmpty else {
            throw GatewayError.invalidRequest("Missing required parameter: 'image'.", param: "image")
        }
        return images
    }

    private static func answer(
        _ request: MockMediaRequest, model: String, prompt: String?, seed: UInt64, inputImages: Int, created: Int
    ) throws(GatewayError) -> MockProviderHandler.Answer {
        let count = try request.integer("n", in: 1...10, default: 1)
        let format = try request.string("response_format") ?? "b64_json"
        guard format == "b64_json" || format == "url" else {
            throw GatewayError.invalidRequest("Invalid value: '\(format)'. Supported values are: 'url' and 'b64_json'.", param: "response_format")
        }
        let gptImage = model.hasPrefix("gpt-image")
        let data: [JSONValue] = (0..<count).map { index in
            let base64 = Data(png(seed: seed, index: index)).base64EncodedString()
            var item: [String: JSONValue] = [:]
            if format == "url" && !gptImage {
                // A real URL would need a server to host the file; a data URL is self-contained,
                // opens in any browser, and keeps the mock free of state.
                item["url"] = .string("data:image/png;base64," + base64)
            } else {
                item["b64_json"] = .string(base64)
            }
            if model.hasPrefix("dall-e-3"), let prompt { item["revised_prompt"] = .string("Switchyard mock image of: " + prompt) }
            return .object(item)
        }
        var body: [String: JSONValue] = ["created": .number(Double(created)), "data": .array(data)]
        if gptImage {
            let size = ImageSize(try request.string("size") ?? "auto") ?? .auto
            let quality = try request.string("quality").flatMap { $0 == "auto" ? nil : $0 } ?? "medium"
            body["background"] = .string(try request.string("background") == "transparent" ? "transparent" : "opaque")
            body["output_format"] = "png"
            body["quality"] = .string(quality)
            body["size"] = .string(size == .auto ? "1024x1024" : size.description)
            body["usage"] = usage(prompt: prompt ?? "", inputImages: inputImages, outputImages: count, size: size, quality: quality)
        }
        return MockProviderHandler.json(JSONValue.object(body))
    }

    /// Image `index` of the request whose seed is `seed`.
    static func png(seed: UInt64, index: Int) -> [UInt8] {
        var state = seed ^ UInt64(truncatingIfNeeded: index) &* 0x9e37_79b9_7f4a_7c15
        let colour = MockModel.Hashing.splitMix(&state)
        return PNGImage.solid(
            width: pixels, height: pixels,
            red: UInt8(truncatingIfNeeded: colour), green: UInt8(truncatingIfNeeded: colour >> 8), blue: UInt8(truncatingIfNeeded: colour >> 16)
        )
    }

    /// Token usage as gpt-image models report it: text tokens are the prompt's words; each
    /// input image costs 65 image tokens; each output image costs OpenAI's 1024x1024 figure
    /// for the quality (low 272, medium 1056, high 4160) scaled by its pixel count.
    static func usage(prompt: String, inputImages: Int, outputImages: Int, size: ImageSize, quality: String) -> JSONValue {
        let text = MockModel.Words.count(in: prompt)
        let image = inputImages * 65
        let bases: [String: Double] = ["low": 272, "high": 4160]
        let base = bases[quality] ?? 1056
        let scale = Double(size.pixelCount ?? 1_048_576) / 1_048_576
        let output = outputImages * Int((base * scale).rounded())
        return [
            "input_tokens": .number(Double(text + image)),
            "input_tokens_details": ["text_tokens": .number(Double(text)), "image_tokens": .number(Double(image))],
            "output_tokens": .number(Double(output)),
            "total_tokens": .number(Double(text + image + output)),
        ]
    }
}
