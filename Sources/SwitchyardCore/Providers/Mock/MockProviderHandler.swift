import Foundation
import NIOCore

/// The built-in fake upstream: answers OpenAI-format HTTP requests (chat, completions,
/// embeddings and the Responses API) with `MockModel`, and
/// each media operation in the wire format of the API that defines it (`MockMediaRoute`:
/// OpenAI images, audio and moderations, Cohere rerank, Mistral OCR; Gemini's in
/// `MockGeminiMedia`).
///
/// It serves the in-process `mock/` provider and the standalone `switchyard mock-provider`.
/// A message containing `[[mock:status=NNN]]` (for multipart bodies, in a text field such as
/// the prompt) makes it answer that error status instead, so clients can see how failures look.
public struct MockProviderHandler: Sendable {
    /// The answer to one request; a stream is one buffer per server-sent event.
    public struct Answer: Sendable {
        public var status: Int
        public var contentType: String
        public var chunks: [ByteBuffer]
        public var retryAfter: Int?
    }

    /// The Unix time written as `created`.
    private let now: @Sendable () -> Int
    /// The Unix time video and music jobs progress by (`MockMediaJobs`).
    private let jobTime: @Sendable () -> Double

    /// A handler whose answers carry `now()` as their creation time (tests pin it), and whose
    /// jobs progress with `jobTime()` (tests move it).
    public init(
        now: @escaping @Sendable () -> Int = { Int(Date().timeIntervalSince1970) },
        jobTime: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.now = now
        self.jobTime = jobTime
    }

    /// The answer to a request for `path` (a POST of `body` unless `method` says otherwise);
    /// `contentType` is the request's Content-Type header, which multipart operations need
    /// for the boundary.
    public func handle(method: String = "POST", path: String, contentType: String?, body: ByteBuffer) -> Answer {
        let route = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        if let jobs = MockMediaJobs(route: route) {
            return jobs.answer(method: method, contentType: contentType, body: body, now: jobTime())
        }
        if route.hasPrefix("/model/") && (route.hasSuffix("/converse") || route.hasSuffix("/converse-stream")) {
            return MockBedrock.handle(route: route, body: body)
        }
        if route.hasSuffix("/messages") || route.hasSuffix("/messages/count_tokens") || route.contains("/v1beta/models/") {
            return MockForeignDialects.handle(route: route, body: body)
        }
        if let media = MockMediaRoute(route: route) {
            return media.answer(contentType: contentType, body: body, created: now())
        }
        if let status = Self.requestedFailure(in: body) {
            return Self.error(status: status, message: "Mock failure requested with [[mock:status=\(status)]].",
                              type: status == 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error",
                              retryAfter: status == 429 ? 1 : nil)
        }
        let created = now()
        do {
            if route.hasSuffix("/chat/completions") {
                let request = try Self.decoder.decode(ChatCompletionRequest.self, from: Data(body.readableBytesView))
                let model = MockModel(name: request.model)
                if request.stream == true {
                    return Self.stream(model.chatCompletionChunks(request, created: created))
                }
                return Self.json(model.chatCompletion(request, created: created))
            }
            if route.hasSuffix("/responses") {
                return try MockResponses.answer(body, created: created)
            }
            if route.hasSuffix("/completions") {
                let request = try Self.decoder.decode(CompletionRequest.self, from: Data(body.readableBytesView))
                let model = MockModel(name: request.model)
                if request.stream == true {
                    return Self.stream(model.completionChunks(request, created: created))
                }
                return Self.json(model.completion(request, created: created))
            }
            if route.hasSuffix("/embeddings") {
                let request = try Self.decoder.decode(EmbeddingRequest.self, from: Data(body.readableBytesView))
                return Self.json(MockModel(name: request.model).embeddings(request))
            }
        } catch {
            return Self.error(status: 400, message: "Invalid request: \(error)", type: "invalid_request_error")
        }
        return Self.error(status: 404, message: "Unknown mock route \(route).", type: "invalid_request_error")
    }

    private static let decoder = JSONDecoder()

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func json(_ value: some Encodable) -> Answer {
        let data = (try? encoder().encode(value)) ?? Data("{}".utf8)
        return Answer(status: 200, contentType: "application/json", chunks: [ByteBuffer(bytes: data)])
    }

    static func stream(_ chunks: [some Encodable]) -> Answer {
        let encoder = encoder()
        var events = chunks.map { chunk -> ByteBuffer in
            var buffer = ByteBuffer(string: "data: ")
            buffer.writeBytes((try? encoder.encode(chunk)) ?? Data("{}".utf8))
            buffer.writeString("\n\n")
            return buffer
        }
        events.append(ByteBuffer(string: "data: [DONE]\n\n"))
        return Answer(status: 200, contentType: "text/event-stream", chunks: events)
    }

    static func error(status: Int, message: String, type: String, retryAfter: Int? = nil) -> Answer {
        let body = OpenAIErrorBody(message: message, type: type)
        var answer = json(body)
        answer.status = status
        answer.retryAfter = retryAfter
        return answer
    }

    private static let failureMarker = Array("[[mock:status=".utf8)

    static func requestedFailure(in body: ByteBuffer) -> Int? {
        body.withUnsafeReadableBytes { raw -> Int? in
            guard let start = raw.firstRange(of: failureMarker) else { return nil }
            let digits = raw[start.upperBound...].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard let status = Int(String(decoding: digits, as: UTF8.self)), (400...599).contains(status) else { return nil }
            return status
        }
    }
}
