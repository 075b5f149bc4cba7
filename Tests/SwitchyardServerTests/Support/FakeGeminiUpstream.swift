import Foundation
import Hummingbird

/// A local Gemini API (Google AI Studio, `v1beta`) written from Google's documented wire
/// format, not from the gateway's translators, so a mistake shared by both translation
/// directions shows.
///
/// Serves `POST /v1beta/models/{model}:generateContent`, `:streamGenerateContent` (SSE with
/// `?alt=sse`, else one JSON array), `:countTokens`, `:embedContent` and
/// `:batchEmbedContents`, and journals every request. Like the real API it answers 403
/// `PERMISSION_DENIED` without an API key (`x-goog-api-key` or `?key=`), and 400
/// `INVALID_ARGUMENT` for the request errors it documents (see `problem(in:method:model:)`).
///
/// Token counts, so tests can predict them: prompt tokens are the whitespace-separated words
/// of every `text` part in `systemInstruction` and `contents`; candidate tokens are the
/// reply's pieces (one a word for `.echo`; a reply longer than `maxOutputTokens` pieces is cut
/// there and finishes with `MAX_TOKENS`), or `FakeProviderBehavior.toolCallOutputTokens` for
/// a function call. An embedding is `[words of its text, 0.5, -0.25]`, so order shows.
struct FakeGeminiUpstream: FakeProviderUpstream {
    let server: FakeUpstreamServer

    private typealias Wire = FakeGeminiWire

    static func respond(_ request: RecordedRequest, _ behavior: FakeProviderBehavior) async throws -> Response {
        let pathAndQuery = request.path.split(separator: "?", maxSplits: 1).map(String.init)
        let query = pathAndQuery.count > 1 ? pathAndQuery[1].split(separator: "&").map(String.init) : []
        guard request.headers["x-goog-api-key"]?.isEmpty == false || query.contains(where: { $0.hasPrefix("key=") }) else {
            let message = "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."
            return FakeResponse.json(403, Wire.error(code: 403, message: message))
        }
        let prefix = "/v1beta/models/"
        guard let target = pathAndQuery.first, target.hasPrefix(prefix), let colon = target.lastIndex(of: ":") else {
            return FakeResponse.json(404, Wire.error(code: 404, message: "Requested entity was not found."))
        }
        let model = String(target[target.index(target.startIndex, offsetBy: prefix.count)..<colon])
        let method = String(target[target.index(after: colon)...])
        let json = request.json
        if let problem = Self.problem(in: json, method: method, model: model) {
            return FakeResponse.json(400, Wire.error(code: 400, message: problem))
        }
        switch behavior {
        case .error(let status, let message, let type, let retryAfter):
            return FakeResponse.json(status, Wire.error(code: status, message: message, status: type, retryDelay: retryAfter))
        case .hang:
            return try await FakeResponse.hang()
        default:
            break
        }
        switch method {
        case "generateContent", "streamGenerateContent":
            let stream = method == "streamGenerateContent"
            return generate(json, model: model, behavior: behavior, stream: stream, sse: query.contains("alt=sse"))
        case "countTokens":
            let counted = json["generateContentRequest"] as? [String: Any] ?? json
            let total = FakeResponse.wordCount(Self.texts(in: counted))
            return FakeResponse.json(200, #"{"totalTokens":\#(total),"promptTokensDetails":[{"modality":"TEXT","tokenCount":\#(total)}]}"#)
        case "embedContent":
            return FakeResponse.json(200, #"{"embedding":\#(Wire.embedding(of: json))}"#)
        case "batchEmbedContents":
            let entries = (json["requests"] as? [[String: Any]] ?? []).map(Wire.embedding(of:))
            return FakeResponse.json(200, #"{"embeddings":[\#(entries.joined(separator: ","))]}"#)
        default:
            return FakeResponse.json(404, Wire.error(code: 404, message: "Method not found: \(method)."))
        }
    }

    private static func generate(_ json: [String: Any], model: String, behavior: FakeProviderBehavior, stream: Bool, sse: Bool) -> Response {
        let prompt = FakeResponse.wordCount(Self.texts(in: json))
        let echo = FakeProviderBehavior.echoPieces(provider: "Gemini", heard: Self.lastUserText(in: json))
        let chunks: [String]
        switch behavior {
        case .echo, .text:
            let reply = if case .text(let words) = behavior { words } else { echo }
            let limit = (json["generationConfig"] as? [String: Any])?["maxOutputTokens"] as? Int
            let pieces = Array(reply.prefix(limit ?? reply.count))
            let cut = pieces.count < reply.count
            guard stream else { return FakeResponse.json(200, Wire.textResponse(model: model, text: pieces.joined(), prompt: prompt, output: pieces.count, cut: cut)) }
            chunks = Wire.textChunks(model: model, pieces: pieces, prompt: prompt, cut: cut)
        case .toolCall(let name, let arguments):
            let answer = Wire.functionCallResponse(model: model, name: name, args: arguments, prompt: prompt)
            guard stream else { return FakeResponse.json(200, answer) }
            chunks = [answer]
        case .midStreamError(let status, let message):
            chunks = Array(Wire.textChunks(model: model, pieces: echo, prompt: prompt).prefix(1)) + [Wire.error(code: status, message: message)]
        case .stallAfterFirstEvent:
            return FakeResponse.stalled(after: Wire.sse(Wire.textChunks(model: model, pieces: echo, prompt: prompt)[0]), contentType: "text/event-stream")
        case .error, .hang, .sequence:
            return FakeResponse.json(500, Wire.error(code: 500, message: "unresolved fake behaviour"))
        }
        // Without `alt=sse` Gemini streams one JSON array of the same responses.
        guard sse else { return FakeResponse.json(200, "[" + chunks.joined(separator: ",\r\n") + "]") }
        return FakeResponse.events(chunks.map(Wire.sse), contentType: "text/event-stream")
    }

    /// Every `text` part of `systemInstruction` and `contents`.
    static func texts(in json: [String: Any]) -> [String] {
        let system = json["systemInstruction"] as? [String: Any]
        let contents = (system.map { [$0] } ?? []) + (json["contents"] as? [[String: Any]] ?? [])
        return contents.flatMap(Wire.partTexts)
    }

    /// The text parts of the last user turn, which `.echo` repeats.
    static func lastUserText(in json: [String: Any]) -> String {
        let contents = json["contents"] as? [[String: Any]] ?? []
        guard let last = contents.last(where: { ($0["role"] as? String ?? "user") == "user" }) else { return "" }
        return Wire.partTexts(last).joined(separator: " ")
    }
}
