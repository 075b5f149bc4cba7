extension GeminiGenerateContentRequest {
    /// The `generateContent` body that makes one picture of an OpenAI image generation request
    /// on a Gemini image model (`gemini-2.5-flash-image`).
    ///
    /// The prompt is one user text part; `generationConfig.responseModalities` is
    /// `["TEXT", "IMAGE"]`, which every Gemini image model accepts (the 2.0 preview refuses
    /// `IMAGE` alone); `size` becomes `imageConfig.aspectRatio`, the nearest ratio the models
    /// offer (`1024x1024` → `1:1`, `1536x1024` → `3:2`, `1792x1024` → `16:9`…), and an
    /// `aspect_ratio` extension member is used as is.
    ///
    /// Gemini image models refuse `candidateCount` above 1, so `n` pictures take `n` calls of
    /// this same body (`request.imageCount`); hand every answer to `ImagesResponse(gemini:)`.
    /// `quality`, `style`, `background`, `moderation`, `output_format`, `output_compression`
    /// and `user` have no Gemini equivalent and are left out (the Gemini API has no output
    /// type option; the answer's `output_format` reports the type the model chose).
    public init(openAIImages request: ImageGenerationRequest) throws {
        try Self.validate(request)
        self.init(
            contents: [GeminiContent(role: .user, parts: [GeminiPart(text: request.prompt)])],
            generationConfig: try Self.imageGenerationConfig(request)
        )
    }

    /// The `generateContent` body that edits pictures on a Gemini image model, for an OpenAI
    /// `/v1/images/edits` form: its text fields in `request`, its `image[]` files in `images`.
    ///
    /// The prompt comes first, then each picture as inline data. Gemini takes no mask, so a
    /// `mask` is sent as one more picture after a text part that says it is a mask of the first
    /// picture whose transparent areas are the ones to change. Without a `size`, Gemini keeps
    /// the first picture's ratio. Everything else is as `init(openAIImages:)`.
    public init(openAIImageEdit request: ImageGenerationRequest, images: [InlineMedia], mask: InlineMedia? = nil) throws {
        try Self.validate(request)
        guard !images.isEmpty else {
            throw GatewayError.invalidRequest("An image edit needs at least one picture in `image`.", param: "image")
        }
        for (index, image) in images.enumerated() where !image.baseType.hasPrefix("image/") {
            throw GatewayError.invalidRequest(
                "`image[\(index)]` must be a PNG, JPEG or WebP picture; its type is `\(image.mimeType)`.",
                param: "image"
            )
        }
        var parts = [GeminiPart(text: request.prompt)]
        parts += images.map(\.geminiPart)
        if let mask {
            guard mask.baseType.hasPrefix("image/") else {
                throw GatewayError.invalidRequest("`mask` must be a PNG picture; its type is `\(mask.mimeType)`.", param: "mask")
            }
            parts.append(GeminiPart(text: Self.maskInstruction))
            parts.append(mask.geminiPart)
        }
        self.init(
            contents: [GeminiContent(role: .user, parts: parts)],
            generationConfig: try Self.imageGenerationConfig(request)
        )
    }

    /// What the model is told about the mask picture, in OpenAI's terms for masks.
    static let maskInstruction = "The next picture is a mask for the first picture: change only the areas where "
        + "the mask is fully transparent, and keep every other area of the first picture unchanged."

    private static func validate(_ request: ImageGenerationRequest) throws {
        guard !request.prompt.isEmpty else {
            throw GatewayError.invalidRequest("`prompt` must not be empty.", param: "prompt")
        }
        if let n = request.n, !(1...10).contains(n) {
            throw GatewayError.invalidRequest("`n` must be between 1 and 10; got \(n).", param: "n")
        }
    }

    private static func imageGenerationConfig(_ request: ImageGenerationRequest) throws -> GeminiGenerationConfig {
        let ratio = try ImageAspectRatio.forRequest(request, among: ImageAspectRatio.gemini)
        return GeminiGenerationConfig(
            responseModalities: ["TEXT", "IMAGE"],
            imageConfig: ratio.map { GeminiImageConfig(aspectRatio: $0) }
        )
    }
}

extension ImageGenerationRequest {
    /// How many pictures the client asked for (`n`, 1 when absent).
    public var imageCount: Int { n ?? 1 }
}
