import NIOCore

/// The mock provider's media operations, each in the wire format of the API that defines it:
/// OpenAI's images, audio and moderations, Cohere's rerank and Mistral's OCR.
enum MockMediaRoute: Sendable, Equatable {
    case imageGenerations, imageEdits, imageVariations
    case speech, transcriptions, translations
    case moderations
    /// Cohere's rerank; `version` 2 for `/v2/rerank`, else 1.
    case rerank(version: Int)
    case ocr

    /// The operation a request path names, if it is one of these.
    init?(route: String) {
        let table: [(suffix: String, route: MockMediaRoute)] = [
            ("/images/generations", .imageGenerations), ("/images/edits", .imageEdits), ("/images/variations", .imageVariations),
            ("/audio/speech", .speech), ("/audio/transcriptions", .transcriptions), ("/audio/translations", .translations),
            ("/moderations", .moderations), ("/rerank", .rerank(version: route.hasSuffix("/v2/rerank") ? 2 : 1)), ("/ocr", .ocr),
        ]
        guard let match = table.first(where: { route == $0.suffix || route.hasSuffix($0.suffix) }) else { return nil }
        self = match.route
    }

    var isMultipart: Bool {
        switch self {
        case .imageEdits, .imageVariations, .transcriptions, .translations: true
        default: false
        }
    }

    /// The answer to `body`, or the error the API would give, in the API's error envelope.
    func answer(contentType: String?, body: ByteBuffer, created: Int) -> MockProviderHandler.Answer {
        let request: MockMediaRequest
        do throws(GatewayError) {
            request = try MockMediaRequest(body: body, contentType: contentType, multipart: isMultipart)
        } catch {
            if let status = MockProviderHandler.requestedFailure(in: body) { return failure(status) }
            return render(error)
        }
        if let status = request.requestedFailure() { return failure(status) }
        do throws(GatewayError) {
            switch self {
            case .imageGenerations: return try MockImages.generations(request, created: created)
            case .imageEdits: return try MockImages.edits(request, created: created)
            case .imageVariations: return try MockImages.variations(request, created: created)
            case .speech: return try MockSpeech.speech(request)
            case .transcriptions: return try MockTranscription.answer(request, translate: false)
            case .translations: return try MockTranscription.answer(request, translate: true)
            case .moderations: return try MockModerations.answer(request)
            case .rerank(let version): return try MockRerank.answer(request, version: version)
            case .ocr: return try MockOCR.answer(request)
            }
        } catch {
            return render(error)
        }
    }

    private func failure(_ status: Int) -> MockProviderHandler.Answer {
        var answer = render(GatewayError(.upstream(status: status), "Mock failure requested with [[mock:status=\(status)]]."))
        answer.retryAfter = status == 429 ? 1 : nil
        return answer
    }

    /// `error` in the envelope of the API this operation belongs to.
    func render(_ error: GatewayError) -> MockProviderHandler.Answer {
        let body: JSONValue
        switch self {
        case .rerank:
            // Cohere: a bare message.
            body = ["message": .string(error.message)]
        case .ocr:
            // Mistral: a flat error object.
            body = [
                "object": "error", "message": .string(error.message), "type": .string(ErrorSurface.openAIType(error)),
                "param": error.param.map(JSONValue.string) ?? .null, "code": error.code.map(JSONValue.string) ?? .null,
            ]
        default:
            return .init(
                status: error.status, contentType: "application/json",
                chunks: [ByteBuffer(bytes: ErrorSurface.openAI.body(for: error))], retryAfter: nil
            )
        }
        var answer = MockProviderHandler.json(body)
        answer.status = error.status
        return answer
    }
}
