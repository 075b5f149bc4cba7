import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SwitchyardCore

/// The standalone fake upstream (`switchyard mock-provider`): OpenAI's (chat, completions,
/// embeddings, images, audio, moderations), Anthropic's (`/v1/messages`), Gemini's
/// (`/v1beta/models/{m}:generateContent`, `:predict`…), Cohere's rerank (`/v1/rerank`,
/// `/v2/rerank`) and Mistral's OCR (`/v1/ocr`) wire formats over HTTP,
/// streaming one event per write. `chunkDelayMilliseconds` (or a request's
/// `x-mock-chunk-delay-ms` header) spaces the events out, as a real model would.
public func buildMockProviderApplication(
    host: String = "127.0.0.1",
    port: Int = 4010,
    chunkDelayMilliseconds: Int = 0,
    logger: Logger = Logger(label: "switchyard.mock-provider"),
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let handler = MockProviderHandler()
    let router = Router()
    let respond: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
        let body = try await request.body.collect(upTo: 64 * 1024 * 1024)
        let answer = handler.handle(method: request.method.rawValue, path: request.uri.path, contentType: request.headers[.contentType], body: body)
        let delay = request.headers[HTTPField.Name("x-mock-chunk-delay-ms")!].flatMap(Int.init) ?? chunkDelayMilliseconds
        var headers: HTTPFields = [.contentType: answer.contentType]
        if let retryAfter = answer.retryAfter { headers[.retryAfter] = String(retryAfter) }
        let chunks = answer.chunks
        return Response(
            status: .init(code: answer.status),
            headers: headers,
            body: ResponseBody { writer in
                for (index, chunk) in chunks.enumerated() {
                    if delay > 0 && index > 0 { try await Task.sleep(for: .milliseconds(delay)) }
                    try await writer.write(chunk)
                }
                try await writer.finish(nil)
            }
        )
    }
    router.post("/v1beta/models/:target", use: respond)
    router.post("/v2/rerank", use: respond)
    router.post("/model/:model/converse", use: respond)
    router.post("/model/:model/converse-stream", use: respond)
    for prefix in ["/v1", ""] {
        let media = [
            "images/generations", "images/edits", "images/variations", "audio/speech", "audio/transcriptions",
            "audio/translations", "moderations", "rerank", "ocr",
        ]
        for path in ["chat/completions", "completions", "responses", "embeddings", "messages", "messages/count_tokens"] + media {
            router.post(RouterPath("\(prefix)/\(path)"), use: respond)
        }
        // Video and music jobs: created, polled, downloaded and remixed.
        for collection in ["videos", "music/generations"] {
            router.post(RouterPath("\(prefix)/\(collection)"), use: respond)
            router.get(RouterPath("\(prefix)/\(collection)/:id"), use: respond)
            router.get(RouterPath("\(prefix)/\(collection)/:id/content"), use: respond)
            router.post(RouterPath("\(prefix)/\(collection)/:id/remix"), use: respond)
        }
        router.get(RouterPath("\(prefix)/models")) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"object":"list","data":[{"id":"mock","object":"model","created":0,"owned_by":"switchyard"}]}"#))
            )
        }
    }
    return Application(
        router: router,
        configuration: .init(address: .hostname(host, port: port), serverName: "switchyard-mock-provider"),
        onServerRunning: onServerRunning,
        logger: logger
    )
}
