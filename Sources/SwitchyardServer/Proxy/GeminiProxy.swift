import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SwitchyardCore

/// The Gemini surface: `POST /v1beta/models/{model}:generateContent`, `:streamGenerateContent`,
/// `:countTokens` and `:embedContent`.
///
/// To a `gemini/` deployment the body goes through as bytes (the model lives in the path);
/// to any other provider it is translated through the OpenAI pivot.
struct GeminiProxy: Sendable {
    let gateway: Gateway

    func handle(request: Request, context: GatewayRequestContext) async throws -> Response {
        let target = try context.parameters.require("target")
        guard let colon = target.lastIndex(of: ":") else {
            throw GatewayError(.notFound, "Unknown Gemini method in `\(target)`; expected models/{model}:generateContent.")
        }
        let model = String(target[..<colon])
        let method = String(target[target.index(after: colon)...])
        let bytes = try await request.body.collect(upTo: gateway.maxRequestBytes)
        let meter = { (maxTokens: Int?) throws -> RequestMeter in
            try gateway.meter(request, context: context, model: model, bodyBytes: bytes.readableBytes, maxTokens: maxTokens, callType: method)
        }
        switch method {
        case "generateContent": return try await generate(bytes, model: model, stream: false, meter: meter, logger: context.logger)
        case "streamGenerateContent": return try await generate(bytes, model: model, stream: true, meter: meter, logger: context.logger)
        case "countTokens": return try await countTokens(bytes, model: model, logger: context.logger)
        case "embedContent": return try await embed(bytes, model: model, batch: false, meter: try meter(0), logger: context.logger)
        case "batchEmbedContents": return try await embed(bytes, model: model, batch: true, meter: try meter(0), logger: context.logger)
        default: throw GatewayError(.notFound, "Unknown Gemini method `\(method)`.")
        }
    }

    private func generate(
        _ bytes: ByteBuffer, model: String, stream: Bool, meter makeMeter: (Int?) throws -> RequestMeter, logger: Logger
    ) async throws -> Response {
        let parsed = try AnthropicProxy.decode(GeminiGenerateContentRequest.self, bytes)
        let meter = try makeMeter(parsed.generationConfig?.maxOutputTokens)
        let route = stream ? "streamGenerateContent" : "generateContent"
        let pivotOnce = PivotOnce { drop in try ChatCompletionRequest(gemini: parsed, model: model, stream: stream, dropUnsupported: drop) }
        return try await RoutingEngine(gateway: gateway).run(model: model, route: route, meter: meter, logger: logger) { candidate, group in
            var headers = HTTPFields()
            headers[.modelUsed] = "\(group); deployment=\(candidate.deployment.id)"
            let deployment = candidate.deployment
            if deployment.provider.dialect == .gemini {
                let method = stream ? "streamGenerateContent?alt=sse" : "generateContent"
                let upstream = UpstreamRequest(url: Self.url(deployment, model: candidate.upstreamModel, method: method), headers: Self.headers(deployment), body: bytes)
                return try await ByteRelay(gateway: gateway).forward(
                    upstream, candidate: candidate, group: group, usageDialect: .gemini, stream: stream, headers: headers, logger: logger,
                    dialect: GeminiChatDialect(), failureEvent: { GeminiSSEEncoder(stream: OpenAIToGeminiStream(model: model, responseId: "")).failure($0) }
                )
            }
            let drop = deployment.dropParams ?? gateway.config.litellm.dropParams
            var chat = try pivotOnce.chat(dropUnsupported: drop)
            chat.model = candidate.upstreamModel
            let answer = try await PivotProxy(gateway: gateway).send(chat, to: candidate, requestedModel: model, includeUsage: true, logger: logger)
            let responseID = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
            return try PivotResponder(gateway: gateway).respond(
                answer, candidate: candidate, group: group, headers: headers,
                encoder: GeminiSSEEncoder(stream: OpenAIToGeminiStream(model: model, responseId: String(responseID))), logger: logger
            ) { response in
                var response = response
                response.model = model
                return try SurfaceJSON.encode(GeminiGenerateContentResponse(openAI: response))
            }
        }
    }

    private func countTokens(_ bytes: ByteBuffer, model: String, logger: Logger) async throws -> Response {
        guard let target = gateway.registry.resolve(model) else { throw GatewayError.modelNotFound(model) }
        if let candidate = target.candidates.first(where: { $0.deployment.provider.dialect == .gemini }) {
            let upstream = UpstreamRequest(
                url: Self.url(candidate.deployment, model: candidate.upstreamModel, method: "countTokens"),
                headers: Self.headers(candidate.deployment), body: bytes
            )
            let provider = candidate.deployment.provider.rawValue
            let answer = try await gateway.transport.exchange(upstream, timeout: 30, limit: 1 << 20, provider: provider, logger: logger)
            guard answer.isSuccess else {
                throw PivotProxy.failure(status: answer.status, body: answer.body, retryAfter: answer.retryAfter, dialect: GeminiChatDialect(), provider: provider)
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: answer.body))
        }
        // Other providers have no counting endpoint: estimate about four characters a token.
        let parsed = try AnthropicProxy.decode(GeminiCountTokensRequest.self, bytes)
        let size = (try? JSONEncoder().encode(parsed)).map { $0.count } ?? 0
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"totalTokens":\#(max(1, size / 4))}"#))
        )
    }

    private func embed(_ bytes: ByteBuffer, model: String, batch: Bool, meter: RequestMeter, logger: Logger) async throws -> Response {
        let method = batch ? "batchEmbedContents" : "embedContent"
        let single = batch ? nil : try AnthropicProxy.decode(GeminiEmbedContentRequest.self, bytes)
        let many = batch ? try AnthropicProxy.decode(GeminiBatchEmbedContentsRequest.self, bytes) : nil
        return try await RoutingEngine(gateway: gateway).run(model: model, route: method, meter: meter, logger: logger) { candidate, group in
            var headers = HTTPFields()
            headers[.modelUsed] = "\(group); deployment=\(candidate.deployment.id)"
            headers[.contentType] = "application/json"
            let deployment = candidate.deployment
            let started = gateway.clock.now()
            if deployment.provider.dialect == .gemini {
                let upstream = UpstreamRequest(url: Self.url(deployment, model: candidate.upstreamModel, method: method), headers: Self.headers(deployment), body: bytes)
                return try await ByteRelay(gateway: gateway).forward(
                    upstream, candidate: candidate, group: group, usageDialect: .gemini, stream: false, headers: headers, logger: logger,
                    dialect: GeminiChatDialect(), failureEvent: { _ in ByteBuffer() }
                )
            }
            let embedding = try many.map { try EmbeddingRequest(geminiBatch: $0, model: candidate.upstreamModel, dropUnsupported: true) }
                ?? EmbeddingRequest(geminiEmbed: single!, model: candidate.upstreamModel, dropUnsupported: true)
            let upstream = deployment.provider.openAIAdapter.request(
                for: .embeddings, deployment: deployment, upstreamModel: candidate.upstreamModel, body: try SurfaceJSON.encode(embedding)
            )
            let response: UpstreamResponse
            let payload: ByteBuffer
            do {
                response = try await gateway.transport.send(upstream, deadline: .after(seconds: gateway.timeout(for: deployment)), logger: logger)
                payload = try await response.body.collect(upTo: gateway.maxResponseBytes)
            } catch {
                throw UpstreamFailure.classify(error, provider: deployment.provider.rawValue)
            }
            guard response.isSuccess else {
                throw UpstreamFailure.fromResponse(status: response.status, body: payload, retryAfterHeader: response.header("retry-after"), provider: deployment.provider.rawValue)
            }
            let decoded = try JSONDecoder().decode(EmbeddingResponse.self, from: Data(payload.readableBytesView))
            let body = batch
                ? try SurfaceJSON.encode(try GeminiBatchEmbedContentsResponse(openAI: decoded))
                : try SurfaceJSON.encode(try GeminiEmbedContentResponse(openAI: decoded))
            return AttemptResult(response: Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body)), upstreamSeconds: gateway.clock.now() - started, isStream: false)
        }
    }

    static func url(_ deployment: Deployment, model: String, method: String) -> String {
        let base = deployment.apiBase ?? deployment.provider.defaultAPIBase ?? "https://generativelanguage.googleapis.com"
        let name = model.hasPrefix("models/") ? String(model.dropFirst(7)) : model
        return "\(base)/v1beta/models/\(name):\(method)"
    }

    static func headers(_ deployment: Deployment) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [("content-type", "application/json")]
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("x-goog-api-key", key)) }
        for (name, value) in deployment.extraHeaders.sorted(by: { $0.key < $1.key }) { headers.append((name, value)) }
        return headers
    }
}
