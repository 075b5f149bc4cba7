#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ImagesResponse {
    /// The OpenAI images answer for the `generateContent` answers of a Gemini image model (one
    /// per picture asked for; see `GeminiGenerateContentRequest(openAIImages:)`).
    ///
    /// Every `inlineData` picture part of every candidate becomes one `data` entry, in order;
    /// thought pictures (drafts Gemini 3 image models show while thinking) and text parts are
    /// left out. Pictures are base64 in `b64_json`, or with `response_format` `url` a
    /// `data:image/…;base64,` URL, since Gemini keeps no hosted copy. `output_format` reports
    /// the first picture's type. Token counts are summed into `usage`: prompt tokens as
    /// input, candidate and thought tokens as output, with the text/image split from Gemini's
    /// per-modality details where it sent them.
    ///
    /// When no answer holds a picture, throws a 400 `content_policy_violation` saying why (a
    /// blocked prompt, a finish reason such as `IMAGE_SAFETY`, or the model's text).
    public init(gemini responses: [GeminiGenerateContentResponse], responseFormat: ImageResponseFormat? = nil, created: Int) throws {
        var images: [GeminiBlob] = []
        for response in responses {
            for candidate in response.candidates ?? [] {
                for part in candidate.content?.parts ?? [] where !part.isThought {
                    guard let blob = part.inlineData, !blob.data.isEmpty, ImageOutputFormat(mimeType: blob.mimeType) != nil
                    else { continue }
                    images.append(blob)
                }
            }
        }
        guard !images.isEmpty else {
            throw GatewayError.noMedia("image", reason: GatewayError.geminiNoOutputReason(responses))
        }
        let usages = responses.compactMap(\.usageMetadata)
        self.init(
            created: created,
            data: images.map { ImageData(base64: $0.data, mimeType: $0.mimeType, format: responseFormat) },
            usage: usages.isEmpty ? nil : ImagesUsage(gemini: usages),
            outputFormat: images.first.flatMap { ImageOutputFormat(mimeType: $0.mimeType) }?.rawValue
        )
    }
}

extension ImageData {
    /// A picture's entry: base64 in `b64_json`, or a `data:` URL when `format` is `url`.
    init(base64: String, mimeType: String, format: ImageResponseFormat?) {
        if format == .url {
            self.init(url: "data:\(mimeType);base64,\(base64)")
        } else {
            self.init(b64JSON: base64)
        }
    }
}
