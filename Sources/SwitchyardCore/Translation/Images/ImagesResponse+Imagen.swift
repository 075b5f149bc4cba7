extension ImagesResponse {
    /// The OpenAI images answer for an Imagen `:predict` answer.
    ///
    /// Each prediction with bytes becomes one `data` entry (`b64_json`, or a `data:` URL with
    /// `response_format` `url`); predictions the safety filters emptied are skipped. Imagen
    /// reports no tokens, so `usage` is nil: price by picture (`data.count`). When no picture
    /// is left, throws a 400 `content_policy_violation` with the first `raiFilteredReason`.
    public init(imagen response: GeminiPredictResponse, responseFormat: ImageResponseFormat? = nil, created: Int) throws {
        let pictures = response.predictions.compactMap { prediction -> (String, String)? in
            guard let bytes = prediction.bytesBase64Encoded, !bytes.isEmpty else { return nil }
            return (bytes, prediction.mimeType ?? "image/png")
        }
        guard !pictures.isEmpty else {
            let reason = response.predictions.lazy.compactMap(\.raiFilteredReason).first
                .map { "every picture was filtered (\($0))" } ?? "the answer held no picture"
            throw GatewayError.noMedia("image", reason: reason)
        }
        self.init(
            created: created,
            data: pictures.map { ImageData(base64: $0.0, mimeType: $0.1, format: responseFormat) },
            outputFormat: pictures.first.flatMap { ImageOutputFormat(mimeType: $0.1) }?.rawValue
        )
    }
}
