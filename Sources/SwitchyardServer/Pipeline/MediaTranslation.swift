import Foundation
import NIOCore
import SwitchyardCore

/// Media and rerank for a deployment that does not take the client's shape: images, speech
/// and transcription on Gemini (image models, Imagen, TTS models, any model that hears
/// audio), and rerank on Jina and Voyage. The client sees OpenAI's (or Cohere's) shapes only.
struct MediaTranslation: Sendable {
    let gateway: Gateway

    func attempt(_ call: OperationCall, candidate: RouteTarget.Candidate) async throws -> RouteAttempt<ProxiedAnswer> {
        let deployment = candidate.deployment
        switch (call.operation.capability, deployment.provider) {
        case (.imageGeneration, .gemini), (.imageEdit, .gemini):
            return try await images(call, candidate: candidate)
        case (.speech, .gemini):
            return try await speech(call, candidate: candidate)
        case (.transcription, .gemini), (.translation, .gemini):
            return try await transcript(call, candidate: candidate)
        case (.rerank, .jinaAI), (.rerank, .voyage):
            return try await rerank(call, candidate: candidate)
        default:
            throw deployment.provider.endpoint.unsupported(call.operation.upstream, deployment)
        }
    }

    // MARK: Images

    /// Gemini image models make one picture a call, so `n` pictures are `n` calls at once;
    /// Imagen makes them in one.
    private func images(_ call: OperationCall, candidate: RouteTarget.Candidate) async throws -> RouteAttempt<ProxiedAnswer> {
        let request = try call.request.decode(ImageGenerationRequest.self)
        let created = Int(gateway.clock.wallTime())
        let started = gateway.clock.now()
        let response: ImagesResponse
        switch GeminiImageEndpoint(model: candidate.upstreamModel) {
        case .predict where call.operation.capability == .imageGeneration:
            let body = try SurfaceJSON.encode(try GeminiPredictRequest(openAIImages: request))
            let answer = try await exchange(.predict, body: body, call: call, candidate: candidate)
            response = try ImagesResponse(imagen: try DialectJSON.decode(GeminiPredictResponse.self, from: answer, what: "Imagen answer"), responseFormat: request.responseFormat, created: created)
        case .predict:
            throw GatewayError(.invalidRequest, "Imagen models generate images only; edit with a Gemini image model.", code: "unsupported_operation")
        case .generateContent:
            let generate = call.operation.capability == .imageEdit
                ? try GeminiGenerateContentRequest(openAIImageEdit: request, images: try editImages(call.request), mask: try upload(call.request, "mask"))
                : try GeminiGenerateContentRequest(openAIImages: request)
            let body = try SurfaceJSON.encode(generate)
            let count = max(1, min(request.imageCount, 10))
            let answers = try await withThrowingTaskGroup(of: ByteBuffer.self) { group in
                for _ in 0..<count {
                    group.addTask { try await exchange(.generateContent(stream: false), body: body, call: call, candidate: candidate) }
                }
                return try await group.reduce(into: [ByteBuffer]()) { $0.append($1) }
            }
            let decoded = try answers.map { try DialectJSON.decode(GeminiGenerateContentResponse.self, from: $0, what: "image answer") }
            response = try ImagesResponse(gemini: decoded, responseFormat: request.responseFormat, created: created)
        }
        var usage = MeteredUsage(images: response.data.count, imageSize: request.size ?? "1024x1024", imageQuality: request.quality)
        if let tokens = response.usage {
            usage.tokens = Usage(images: tokens)
            usage.inputImageTokens = tokens.inputTokensDetails?.imageTokens
            usage.outputImageTokens = tokens.outputTokensDetails?.imageTokens ?? tokens.outputTokens
        }
        return whole(try SurfaceJSON.encode(response), usage: usage, since: started)
    }

    /// The pictures to edit: the form's `image` files, or JSON `images` given as data: URLs.
    private func editImages(_ request: OperationRequest) throws(GatewayError) -> [InlineMedia] {
        if let form = request.form {
            return form.files("image").map { InlineMedia(buffer: $0.body, mimeType: $0.contentType ?? "image/png") }
        }
        let urls: [String] = request.bytes.withUnsafeReadableBytes { raw in
            ((try? request.index.decode([JSONValue].self, "images", in: raw)) ?? nil)?.compactMap { $0["image_url"]?.stringValue } ?? []
        }
        return try urls.enumerated().map { position, url throws(GatewayError) in
            guard let data = DataURL(url), let bytes = Data(base64Encoded: data.base64) else {
                throw GatewayError.invalidRequest("Gemini takes pictures to edit as uploads or base64 data: URLs.", param: "images[\(position)].image_url")
            }
            return InlineMedia(bytes: Array(bytes), mimeType: data.mediaType)
        }
    }

    private func upload(_ request: OperationRequest, _ name: String) throws(GatewayError) -> InlineMedia? {
        try request.upload(name).map { InlineMedia(buffer: $0.bytes, mimeType: $0.contentType ?? "image/png") }
    }

    // MARK: Speech

    /// Gemini speaks 24 kHz 16-bit PCM: answered as WAV (the default), or as raw PCM.
    private func speech(_ call: OperationCall, candidate: RouteTarget.Candidate) async throws -> RouteAttempt<ProxiedAnswer> {
        let request = try call.request.decode(SpeechRequest.self)
        let format = request.responseFormat?.lowercased() ?? "wav"
        guard SpeechAudio.supportedFormats.contains(format) else {
            throw GatewayError(
                .invalidRequest,
                "Gemini speech comes as WAV or raw PCM; set response_format to wav or pcm (not \(format)).",
                param: "response_format", code: "unsupported_response_format"
            )
        }
        let started = gateway.clock.now()
        let body = try SurfaceJSON.encode(try GeminiGenerateContentRequest(openAISpeech: request))
        let answer = try await exchange(.generateContent(stream: false), body: body, call: call, candidate: candidate)
        let response = try DialectJSON.decode(GeminiGenerateContentResponse.self, from: answer, what: "speech answer")
        let audio = try SpeechAudio(gemini: response)
        let bytes = format == "pcm" ? audio.pcm : WAVAudio.wav(pcm16: audio.pcm, sampleRate: audio.sampleRate, channels: audio.channels)
        var usage = call.request.spokenCharacters
        usage.tokens = response.usageMetadata.map(Usage.init(gemini:))
        let proxied = ProxiedAnswer(contentType: format == "pcm" ? "audio/pcm" : "audio/wav", body: .whole(ByteBuffer(bytes: bytes), usage: usage))
        return RouteAttempt(value: proxied, upstreamSeconds: gateway.clock.now() - started, keepsSlot: false)
    }

    // MARK: Transcription

    private func transcript(_ call: OperationCall, candidate: RouteTarget.Candidate) async throws -> RouteAttempt<ProxiedAnswer> {
        let request = call.request
        guard let file = request.audio else {
            throw GatewayError(.invalidRequest, "Missing required parameter: 'file'.", param: "file", code: "missing_required_parameter")
        }
        let mimeType = file.contentType.flatMap { $0 == "application/octet-stream" ? nil : $0 }
            ?? file.filename.flatMap(TranscriptionRendering.mimeType(forFilename:)) ?? Upload.sniffedMediaType(file.bytes) ?? "audio/wav"
        let task: TranscriptionTask = call.operation.capability == .translation ? .translate : .transcribe
        let format = request.field("response_format").map(TranscriptionFormat.init(rawValue:))
        let started = gateway.clock.now()
        let generate = try GeminiGenerateContentRequest(
            openAITranscription: InlineMedia(buffer: file.bytes, mimeType: mimeType), task: task,
            language: request.field("language"), prompt: request.field("prompt"),
            temperature: request.bytes.withUnsafeReadableBytes { raw in request.index.member("temperature").flatMap { Double(String(decoding: raw[$0.valueRange], as: UTF8.self)) } }
        )
        let answer = try await exchange(.generateContent(stream: false), body: try SurfaceJSON.encode(generate), call: call, candidate: candidate)
        let transcript = try GeminiTranscript(gemini: try DialectJSON.decode(GeminiGenerateContentResponse.self, from: answer, what: "transcription answer"))
        let rendered = try TranscriptionRendering(
            text: transcript.text, durationSeconds: call.measuredAudio, language: task == .translate ? "english" : request.field("language"),
            task: task, usage: transcript.transcriptionUsage
        ).render(format)
        let usage = MeteredUsage(tokens: transcript.usage, seconds: call.measuredAudio)
        let proxied = ProxiedAnswer(contentType: rendered.contentType, body: .whole(ByteBuffer(bytes: rendered.body), usage: usage))
        return RouteAttempt(value: proxied, upstreamSeconds: gateway.clock.now() - started, keepsSlot: false)
    }

    // MARK: Rerank

    private func rerank(_ call: OperationCall, candidate: RouteTarget.Candidate) async throws -> RouteAttempt<ProxiedAnswer> {
        let request = try call.request.decode(RerankRequest.self)
        let version: CohereRerankVersion = call.operation.upstream == .rerank(version: 2) ? .v2 : .v1
        let id = UUID().uuidString.lowercased()
        let started = gateway.clock.now()
        let response: RerankResponse
        let tokens: Int?
        if candidate.deployment.provider == .jinaAI {
            let body = try SurfaceJSON.encode(try JinaRerankRequest(cohere: request, model: candidate.upstreamModel))
            let answer = try await exchange(call.operation.upstream, body: body, call: call, candidate: candidate)
            let decoded = try DialectJSON.decode(JinaRerankResponse.self, from: answer, what: "rerank answer")
            response = try RerankResponse(jina: decoded, request: request, version: version, id: id)
            tokens = decoded.totalTokens
        } else {
            let body = try SurfaceJSON.encode(try VoyageRerankRequest(cohere: request, model: candidate.upstreamModel))
            let answer = try await exchange(call.operation.upstream, body: body, call: call, candidate: candidate)
            let decoded = try DialectJSON.decode(VoyageRerankResponse.self, from: answer, what: "rerank answer")
            response = try RerankResponse(voyage: decoded, request: request, version: version, id: id)
            tokens = decoded.totalTokens
        }
        let usage = MeteredUsage(tokens: tokens.map { Usage(rerankTokens: $0) }, queries: response.meta?.billedUnits?.searchUnits ?? 1)
        return whole(try SurfaceJSON.encode(response), usage: usage, since: started)
    }

    // MARK: Exchange

    private func exchange(_ operation: ProviderOperation, body: ByteBuffer, call: OperationCall, candidate: RouteTarget.Candidate) async throws -> ByteBuffer {
        let deployment = candidate.deployment
        let endpoint = deployment.provider.endpoint
        let upstream = try endpoint.request(operation, deployment: deployment, upstreamModel: candidate.upstreamModel, body: body)
        let answer = try await gateway.exchange(upstream, deployment: deployment, endpoint: endpoint, logger: call.logger)
        return answer.body
    }

    private func whole(_ body: ByteBuffer, usage: MeteredUsage, since started: Double) -> RouteAttempt<ProxiedAnswer> {
        RouteAttempt(value: ProxiedAnswer(contentType: "application/json", body: .whole(body, usage: usage)), upstreamSeconds: gateway.clock.now() - started, keepsSlot: false)
    }
}
