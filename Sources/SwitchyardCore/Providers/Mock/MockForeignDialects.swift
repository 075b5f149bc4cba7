import Foundation
import NIOCore

/// The mock provider's Anthropic (`/v1/messages`) and Gemini (`/v1beta/models/{m}:…`)
/// wire formats: the request is read in its dialect, answered by `MockModel` through the
/// OpenAI pivot, and written back in the same dialect, streams included. Gemini's media
/// (Imagen `:predict`, image and audio output, audio input) is `MockGeminiMedia`'s.
enum MockForeignDialects {
    static func handle(route: String, body: ByteBuffer) -> MockProviderHandler.Answer {
        let isAnthropic = route.hasSuffix("/messages") || route.hasSuffix("/messages/count_tokens")
        if let status = MockProviderHandler.requestedFailure(in: body) {
            let error = GatewayError(.upstream(status: status), "Mock failure requested with [[mock:status=\(status)]].")
            let surface: ErrorSurface = isAnthropic ? .anthropic : .gemini
            return .init(status: status, contentType: "application/json", chunks: [ByteBuffer(bytes: surface.body(for: error))], retryAfter: status == 429 ? 1 : nil)
        }
        do {
            if route.hasSuffix("/messages/count_tokens") { return try anthropicCount(body) }
            return isAnthropic ? try anthropic(body) : try gemini(route: route, body: body)
        } catch let error as GatewayError {
            let surface: ErrorSurface = isAnthropic ? .anthropic : .gemini
            return .init(status: error.status, contentType: "application/json", chunks: [ByteBuffer(bytes: surface.body(for: error))], retryAfter: nil)
        } catch {
            let failure = GatewayError.invalidRequest("Invalid request: \(error)")
            let surface: ErrorSurface = isAnthropic ? .anthropic : .gemini
            return .init(status: 400, contentType: "application/json", chunks: [ByteBuffer(bytes: surface.body(for: failure))], retryAfter: nil)
        }
    }

    private static func anthropic(_ body: ByteBuffer) throws -> MockProviderHandler.Answer {
        let request = try JSONDecoder().decode(AnthropicMessagesRequest.self, from: Data(body.readableBytesView))
        var chat = try ChatCompletionRequest(anthropic: request, dropUnsupported: true)
        let model = MockModel(name: request.model)
        let created = Int(Date().timeIntervalSince1970)
        guard request.stream == true else {
            return MockProviderHandler.json(AnthropicMessagesResponse(openAI: model.chatCompletion(chat, created: created), requestedModel: request.model))
        }
        chat.streamOptions = StreamOptions(includeUsage: true)
        var translator = OpenAIToAnthropicStream(requestedModel: request.model, estimatedInputTokens: MockModel.promptTokens(chat.messages))
        var events: [AnthropicStreamEvent] = []
        for chunk in model.chatCompletionChunks(chat, created: created) { events += translator.consume(chunk) }
        events += translator.finish()
        let chunks = try events.map { ByteBuffer(bytes: try $0.sseEncoded()) }
        return .init(status: 200, contentType: "text/event-stream", chunks: chunks, retryAfter: nil)
    }

    /// Counts as the mock model does: words of every message plus 3 per message.
    private static func anthropicCount(_ body: ByteBuffer) throws -> MockProviderHandler.Answer {
        let request = try JSONDecoder().decode(AnthropicCountTokensRequest.self, from: Data(body.readableBytesView))
        let full = AnthropicMessagesRequest(model: request.model, messages: request.messages, system: request.system, maxTokens: 1)
        let chat = try ChatCompletionRequest(anthropic: full, dropUnsupported: true)
        return MockProviderHandler.json(["input_tokens": JSONValue.number(Double(MockModel.promptTokens(chat.messages)))])
    }

    private static func gemini(route: String, body: ByteBuffer) throws -> MockProviderHandler.Answer {
        guard let target = route.split(separator: "/").last, let colon = target.lastIndex(of: ":") else {
            throw GatewayError(.notFound, "Unknown mock route \(route).")
        }
        let modelName = String(target[..<colon])
        let method = target[target.index(after: colon)...]
        if method == "countTokens" {
            let request = try JSONDecoder().decode(GeminiGenerateContentRequest.self, from: Data(body.readableBytesView))
            let chat = try ChatCompletionRequest(gemini: request, model: modelName, stream: false, dropUnsupported: true)
            return MockProviderHandler.json(["totalTokens": JSONValue.number(Double(MockModel.promptTokens(chat.messages)))])
        }
        if method == "predict" {
            return try MockGeminiMedia.predict(model: modelName, body: body)
        }
        guard method == "generateContent" || method == "streamGenerateContent" else {
            throw GatewayError(.notFound, "Unknown Gemini method \(method).")
        }
        let stream = method == "streamGenerateContent"
        let media = try MockGeminiMedia.object(body)
        if MockGeminiMedia.handles(media) {
            return try MockGeminiMedia.generate(model: modelName, request: media, stream: stream)
        }
        let request = try JSONDecoder().decode(GeminiGenerateContentRequest.self, from: Data(body.readableBytesView))
        var chat = try ChatCompletionRequest(gemini: request, model: modelName, stream: stream, dropUnsupported: true)
        let model = MockModel(name: modelName)
        let created = Int(Date().timeIntervalSince1970)
        guard stream else {
            return MockProviderHandler.json(GeminiGenerateContentResponse(openAI: model.chatCompletion(chat, created: created)))
        }
        chat.streamOptions = StreamOptions(includeUsage: true)
        let chunks = model.chatCompletionChunks(chat, created: created)
        var translator = OpenAIToGeminiStream(model: modelName, responseId: chunks.first?.id ?? "mock")
        var responses: [GeminiGenerateContentResponse] = []
        for chunk in chunks { responses += translator.translate(chunk) }
        responses += translator.finish()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let events = try responses.map { response -> ByteBuffer in
            var buffer = ByteBuffer(string: "data: ")
            buffer.writeBytes(try encoder.encode(response))
            buffer.writeString("\r\n\r\n")
            return buffer
        }
        return .init(status: 200, contentType: "text/event-stream", chunks: events, retryAfter: nil)
    }
}
