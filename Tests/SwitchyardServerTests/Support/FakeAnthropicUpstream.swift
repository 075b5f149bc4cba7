import Foundation
import Hummingbird

/// A local Anthropic Messages API written from Anthropic's documented wire format, not from
/// the gateway's translators, so a mistake shared by both translation directions shows.
///
/// Serves `POST /v1/messages` (whole, or streamed when the body says `"stream": true`) and
/// `POST /v1/messages/count_tokens`, and journals every request. Like the real API it answers
/// 401 `authentication_error` without `x-api-key`, 400 without `anthropic-version`, and 400
/// `invalid_request_error` for the request errors it documents (see `problem(in:path:)`).
///
/// Token counts, so tests can predict them: input tokens are the whitespace-separated words
/// of every text in `system` and `messages` (strings, `text` blocks, `tool_result` contents);
/// output tokens are the reply's pieces (one a word for `.echo`; a reply longer than
/// `max_tokens` pieces is cut there and stops with `max_tokens`), or
/// `FakeProviderBehavior.toolCallOutputTokens` for a tool call.
struct FakeAnthropicUpstream: FakeProviderUpstream {
    let server: FakeUpstreamServer

    private typealias Wire = FakeAnthropicWire

    static func respond(_ request: RecordedRequest, _ behavior: FakeProviderBehavior) async throws -> Response {
        guard request.headers["x-api-key"]?.isEmpty == false else {
            return FakeResponse.json(401, Wire.error(type: "authentication_error", message: "x-api-key header is required"))
        }
        guard request.headers["anthropic-version"] != nil else {
            return FakeResponse.json(400, Wire.error(type: "invalid_request_error", message: "anthropic-version: header is required"))
        }
        let path = request.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        guard path == "/v1/messages" || path == "/v1/messages/count_tokens" else {
            return FakeResponse.json(404, Wire.error(type: "not_found_error", message: "Not found"))
        }
        let json = request.json
        if let problem = Self.problem(in: json, path: path) {
            return FakeResponse.json(400, Wire.error(type: "invalid_request_error", message: problem))
        }
        let inputTokens = FakeResponse.wordCount(Self.texts(in: json))
        switch behavior {
        case .error(let status, let message, let type, let retryAfter):
            return FakeResponse.json(status, Wire.error(type: type ?? Wire.errorType(status: status), message: message), retryAfter: retryAfter)
        case .hang:
            return try await FakeResponse.hang()
        default:
            break
        }
        if path == "/v1/messages/count_tokens" {
            return FakeResponse.json(200, #"{"input_tokens":\#(inputTokens)}"#)
        }
        let model = json["model"] as? String ?? ""
        let stream = json["stream"] as? Bool ?? false
        let echo = FakeProviderBehavior.echoPieces(provider: "Anthropic", heard: Self.lastUserText(in: json))
        switch behavior {
        case .echo, .text:
            let reply = if case .text(let words) = behavior { words } else { echo }
            let pieces = Array(reply.prefix(json["max_tokens"] as? Int ?? reply.count))
            let cut = pieces.count < reply.count
            guard stream else { return FakeResponse.json(200, Wire.textMessage(model: model, text: pieces.joined(), input: inputTokens, output: pieces.count, cut: cut)) }
            return FakeResponse.events(Wire.textStream(model: model, pieces: pieces, input: inputTokens, cut: cut), contentType: Wire.streamType)
        case .toolCall(let name, let arguments):
            guard stream else { return FakeResponse.json(200, Wire.toolUseMessage(model: model, name: name, input: arguments, inputTokens: inputTokens)) }
            return FakeResponse.events(Wire.toolUseStream(model: model, name: name, input: arguments, inputTokens: inputTokens), contentType: Wire.streamType)
        case .midStreamError(let status, let message):
            let opening = Array(Wire.textStream(model: model, pieces: Array(echo.prefix(1)), input: inputTokens).prefix(4))
            return FakeResponse.events(opening + [Wire.event("error", Wire.error(type: Wire.errorType(status: status), message: message))], contentType: Wire.streamType)
        case .stallAfterFirstEvent:
            return FakeResponse.stalled(after: Wire.textStream(model: model, pieces: [], input: inputTokens)[0], contentType: Wire.streamType)
        case .error, .hang, .sequence:
            return FakeResponse.json(500, Wire.error(type: "api_error", message: "unresolved fake behaviour"))
        }
    }

    /// Every text the request carries: `system`, and each message's text and tool results.
    static func texts(in json: [String: Any]) -> [String] {
        var texts = blockTexts(json["system"])
        for message in json["messages"] as? [[String: Any]] ?? [] { texts += blockTexts(message["content"]) }
        return texts
    }

    /// The text of the last user turn (its text blocks and tool results), which `.echo` repeats.
    static func lastUserText(in json: [String: Any]) -> String {
        let messages = json["messages"] as? [[String: Any]] ?? []
        guard let last = messages.last(where: { $0["role"] as? String == "user" }) else { return "" }
        return blockTexts(last["content"]).joined(separator: " ")
    }

    /// A content field's texts: a bare string, or the `text` blocks and `tool_result`
    /// contents of a block list.
    private static func blockTexts(_ content: Any?) -> [String] {
        if let text = content as? String { return [text] }
        var texts: [String] = []
        for block in content as? [[String: Any]] ?? [] {
            switch block["type"] as? String {
            case "text": texts += [block["text"] as? String ?? ""]
            case "tool_result": texts += blockTexts(block["content"])
            default: break
            }
        }
        return texts
    }
}
