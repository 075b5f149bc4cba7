import Foundation
import Hummingbird

/// Gemini's media methods as Google documents them, journaling every request: Imagen's
/// `:predict` (`predictions[].bytesBase64Encoded`), and `:generateContent` answering a picture
/// when `generationConfig.responseModalities` asks for IMAGE, 24 kHz 16-bit PCM when it asks
/// for AUDIO, and otherwise a transcript of the audio part it was sent.
///
/// Usage, so tests can price it: 10 prompt tokens; 1290 image tokens a picture; 50 audio
/// tokens for speech; 4 text tokens for a transcript.
struct FakeGeminiMediaUpstream: FakeProviderUpstream {
    let server: FakeUpstreamServer

    static let pixel = FakeMediaUpstream.pixel
    /// A tenth of a second of silence at 24 kHz, 16-bit mono.
    static let pcm = [UInt8](repeating: 0, count: 4800)

    static func respond(_ request: RecordedRequest, _ behavior: FakeProviderBehavior) async throws -> Response {
        if case .error(let status, let message, _, _) = behavior {
            return FakeResponse.json(status, #"{"error":{"code":\#(status),"message":\#(FakeResponse.quoted(message)),"status":"UNAVAILABLE"}}"#)
        }
        guard request.headers["x-goog-api-key"]?.isEmpty == false else {
            return FakeResponse.json(403, #"{"error":{"code":403,"message":"API key missing","status":"PERMISSION_DENIED"}}"#)
        }
        let json = request.json
        if request.path.hasSuffix(":predict") {
            let count = ((json["parameters"] as? [String: Any])?["sampleCount"] as? Int) ?? 4
            let items = Array(repeating: #"{"bytesBase64Encoded":"\#(pixel)","mimeType":"image/png"}"#, count: count)
            return FakeResponse.json(200, #"{"predictions":[\#(items.joined(separator: ","))]}"#)
        }
        guard request.path.hasSuffix(":generateContent") else {
            return FakeResponse.json(404, #"{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}"#)
        }
        let modalities = ((json["generationConfig"] as? [String: Any])?["responseModalities"] as? [String]) ?? []
        if modalities.contains("IMAGE") {
            return FakeResponse.json(200, #"""
                {"candidates":[{"content":{"role":"model","parts":[{"text":"Here it is."},{"inlineData":{"mimeType":"image/png","data":"\#(pixel)"}}]},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":1290,"totalTokenCount":1300,
                   "promptTokensDetails":[{"modality":"TEXT","tokenCount":10}],"candidatesTokensDetails":[{"modality":"IMAGE","tokenCount":1290}]}}
                """#)
        }
        if modalities.contains("AUDIO") {
            let data = Data(pcm).base64EncodedString()
            return FakeResponse.json(200, #"""
                {"candidates":[{"content":{"role":"model","parts":[{"inlineData":{"mimeType":"audio/L16;codec=pcm;rate=24000","data":"\#(data)"}}]},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":50,"totalTokenCount":60}}
                """#)
        }
        return FakeResponse.json(200, #"""
            {"candidates":[{"content":{"role":"model","parts":[{"text":"hello from gemini"}]},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":4,"totalTokenCount":14}}
            """#)
    }
}

/// Jina's rerank API (`POST /v1/rerank`): results sorted by score, `usage.total_tokens`.
struct FakeJinaUpstream: FakeProviderUpstream {
    let server: FakeUpstreamServer

    static func respond(_ request: RecordedRequest, _ behavior: FakeProviderBehavior) async throws -> Response {
        let documents = request.json["documents"] as? [String] ?? []
        let results = documents.indices.reversed().map { #"{"index":\#($0),"relevance_score":\#(Double($0 + 1) / 10)}"# }
        return FakeResponse.json(200, #"{"model":"jina-reranker-v2-base-multilingual","usage":{"total_tokens":42},"results":[\#(results.joined(separator: ","))]}"#)
    }
}

/// Voyage's rerank API (`POST /v1/rerank`): `data` sorted by score, `usage.total_tokens`.
struct FakeVoyageUpstream: FakeProviderUpstream {
    let server: FakeUpstreamServer

    static func respond(_ request: RecordedRequest, _ behavior: FakeProviderBehavior) async throws -> Response {
        let documents = request.json["documents"] as? [String] ?? []
        let data = documents.indices.reversed().map { #"{"index":\#($0),"relevance_score":\#(Double($0 + 1) / 10)}"# }
        return FakeResponse.json(200, #"{"object":"list","data":[\#(data.joined(separator: ","))],"model":"rerank-2","usage":{"total_tokens":42}}"#)
    }
}
