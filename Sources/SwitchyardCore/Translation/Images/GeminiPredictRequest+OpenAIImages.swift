extension GeminiPredictRequest {
    /// The Imagen `:predict` body for an OpenAI image generation request.
    ///
    /// `prompt` → `instances[0].prompt`; `n` → `parameters.sampleCount` (Imagen makes 1–4, so
    /// more is a 400 naming `n`); `size` → `aspectRatio`, the nearest of Imagen's five
    /// (`1536x1024` → `4:3`, `1792x1024` → `16:9`), or an `aspect_ratio` extension member as
    /// is; `output_format` → `outputOptions.mimeType` and `output_compression` →
    /// `outputOptions.compressionQuality`; extension members `person_generation` and
    /// `image_size` → `personGeneration` and `sampleImageSize`. `includeRaiReason` is set so a
    /// filtered picture says why. `quality`, `style`, `background`, `moderation` and `user`
    /// have no Imagen equivalent and are left out.
    public init(openAIImages request: ImageGenerationRequest) throws {
        guard !request.prompt.isEmpty else {
            throw GatewayError.invalidRequest("`prompt` must not be empty.", param: "prompt")
        }
        if let n = request.n, !(1...4).contains(n) {
            throw GatewayError.invalidRequest("`n` must be between 1 and 4 for Imagen models; got \(n).", param: "n")
        }
        let parameters = GeminiPredictParameters(
            sampleCount: request.n,
            aspectRatio: try ImageAspectRatio.forRequest(request, among: ImageAspectRatio.imagen),
            personGeneration: request.extra["person_generation"]?.stringValue,
            sampleImageSize: request.extra["image_size"]?.stringValue,
            includeRaiReason: true,
            outputOptions: try request.outputFormat.map { try Self.outputOptions($0, compression: request.outputCompression) }
        )
        self.init(instances: [GeminiPredictInstance(prompt: request.prompt)], parameters: parameters)
    }

    private static func outputOptions(_ format: ImageOutputFormat, compression: Int?) throws -> GeminiImageOutputOptions {
        if case .other(let value) = format {
            throw GatewayError.invalidRequest("`output_format` must be png, jpeg or webp; got `\(value)`.", param: "output_format")
        }
        return GeminiImageOutputOptions(mimeType: format.mimeType, compressionQuality: format == .png ? nil : compression)
    }
}
