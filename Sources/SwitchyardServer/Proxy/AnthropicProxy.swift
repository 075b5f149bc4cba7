import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SwitchyardCore

/// The Anthropic surface: `POST /v1/messages` and `/v1/messages/count_tokens`.
///
/// To an `anthropic/` deployment the body goes through as bytes with only the model
/// swapped; to any other provider it is translated through the OpenAI pivot.
struct AnthropicProxy: Sendable {
    let gateway: Gateway

    func messages(request: Request, context: GatewayRequestContext) async throws -> Response {
        let bytes = try await request.body.collect(upTo: gateway.maxRequestBytes)
        let parsed = try Self.decode(AnthropicMessagesRequest.self, bytes)
        let version = request.headers[HTTPField.Name("anthropic-version")!]
        let beta = request.headers[HTTPField.Name("anthropic-beta")!]
        let logger = context.logger
        let pivotOnce = PivotOnce { drop in try ChatCompletionRequest(anthropic: parsed, dropUnsupported: drop) }
        // message_start must carry input_tokens before any provider but Anthropic reports
        // them: about four bytes a token until message_delta gives the real count.
        let meter = try gateway.meter(
            request, context: context, model: parsed.model, bodyBytes: bytes.readableBytes, maxTokens: parsed.maxTokens, callType: "messages"
        )
        return try await RoutingEngine(gateway: gateway).run(model: parsed.model, route: "messages", meter: meter, logger: logger) { candidate, group in
            var headers = HTTPFields()
            headers[.modelUsed] = "\(group); deployment=\(candidate.deployment.id)"
            if candidate.deployment.provider.dialect == .anthropic {
                return try await passThrough(
                    bytes, parsed: parsed, candidate: candidate, group: group, headers: headers, version: version, beta: beta, logger: logger
                )
            }
            let drop = candidate.deployment.dropParams ?? gateway.config.litellm.dropParams
            var chat = try pivotOnce.chat(dropUnsupported: drop)
            chat.model = candidate.upstreamModel
            let answer = try await PivotProxy(gateway: gateway).send(chat, to: candidate, requestedModel: parsed.model, includeUsage: true, logger: logger)
            return try PivotResponder(gateway: gateway).respond(
                answer, candidate: candidate, group: group, headers: headers,
                encoder: AnthropicSSEEncoder(stream: OpenAIToAnthropicStream(requestedModel: parsed.model, estimatedInputTokens: max(1, bytes.readableBytes / 4))), logger: logger
            ) { response in
                try SurfaceJSON.encode(AnthropicMessagesResponse(openAI: response, requestedModel: parsed.model))
            }
        }
    }

    func countTokens(request: Request, context: GatewayRequestContext) async throws -> Response {
        let bytes = try await request.body.collect(upTo: gateway.maxRequestBytes)
        let parsed = try Self.decode(AnthropicCountTokensRequest.self, bytes)
        guard let target = gateway.registry.resolve(parsed.model) else { throw GatewayError.modelNotFound(parsed.model) }
        if let candidate = target.candidates.first(where: { $0.deployment.provider.dialect == .anthropic }) {
            let body = Self.swapModel(bytes, to: candidate.upstreamModel)
            let upstream = UpstreamRequest(
                url: AnthropicChatDialect.url(candidate.deployment, path: "/v1/messages/count_tokens"),
                headers: AnthropicChatDialect.headers(candidate.deployment), body: body
            )
            let provider = candidate.deployment.provider.rawValue
            let answer = try await gateway.transport.exchange(upstream, timeout: 30, limit: 1 << 20, provider: provider, logger: context.logger)
            guard answer.isSuccess else {
                throw PivotProxy.failure(status: answer.status, body: answer.body, retryAfter: answer.retryAfter, dialect: AnthropicChatDialect(), provider: provider)
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: answer.body))
        }
        // Other providers have no counting endpoint: estimate about four characters a token.
        let estimate = max(1, ((try? JSONEncoder().encode(parsed.messages)).map { $0.count } ?? 0) / 4)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"input_tokens":\#(estimate)}"#)))
    }

    private func passThrough(
        _ bytes: ByteBuffer,
        parsed: AnthropicMessagesRequest,
        candidate: RouteTarget.Candidate,
        group: String,
        headers: HTTPFields,
        version: String?,
        beta: String?,
        logger: Logger
    ) async throws -> AttemptResult {
        let deployment = candidate.deployment
        let upstream = UpstreamRequest(
            url: AnthropicChatDialect.url(deployment, path: "/v1/messages"),
            headers: AnthropicChatDialect.headers(deployment, version: version, beta: beta),
            body: Self.swapModel(bytes, to: candidate.upstreamModel)
        )
        return try await ByteRelay(gateway: gateway).forward(
            upstream, candidate: candidate, group: group, usageDialect: .anthropic, stream: parsed.stream == true, headers: headers, logger: logger,
            dialect: AnthropicChatDialect(), failureEvent: { AnthropicSSEEncoder(stream: OpenAIToAnthropicStream()).failure($0) }
        )
    }

    static func swapModel(_ bytes: ByteBuffer, to model: String) -> ByteBuffer {
        bytes.withUnsafeReadableBytes { raw in
            guard let index = try? JSONScanner.indexObject(raw) else { return bytes }
            var edit = JSONObjectEdit()
            edit.set("model", string: model)
            var out = ByteBuffer()
            edit.apply(to: raw, index: index, into: &out)
            return out
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: ByteBuffer) throws -> T {
        try bytes.withUnsafeReadableBytes { raw in
            do {
                _ = try JSONScanner.indexObject(raw)
            } catch let error as JSONSyntaxError {
                throw GatewayError.malformedJSON(error)
            }
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes.readableBytesView))
        } catch let error as DecodingError {
            throw GatewayError.invalidRequest(Self.describe(error), param: Self.path(error))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            return "Missing required field: '\(path)'."
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "Invalid value at '\(path)': \(context.debugDescription)"
        @unknown default:
            return "Invalid request body."
        }
    }

    static func path(_ error: DecodingError) -> String? {
        switch error {
        case .keyNotFound(let key, let context): (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            context.codingPath.map(\.stringValue).joined(separator: ".")
        @unknown default: nil
        }
    }
}
