import Foundation
import Logging
import NIOCore
import SwitchyardCore

/// A provider's answer in the OpenAI pivot: whole, or a stream already past its first bytes.
enum PivotAnswer: Sendable {
    case response(ChatCompletionResponse, upstreamSeconds: Double)
    case stream(PivotStream, upstreamSeconds: Double)
}

/// Sends a pivot request to any provider in the provider's own dialect, and reads the answer
/// back into the pivot. Used whenever client and provider dialects differ.
struct PivotProxy: Sendable {
    let gateway: Gateway

    func send(
        _ chat: ChatCompletionRequest,
        to candidate: RouteTarget.Candidate,
        requestedModel: String,
        includeUsage: Bool,
        dropUnsupported drop: Bool,
        logger: Logger
    ) async throws -> PivotAnswer {
        let deployment = candidate.deployment
        let dialect = deployment.provider.chatTranslator
        var chat = chat
        if deployment.provider.dialect == .bedrock {
            // Converse takes images only as bytes.
            try await ImageFetcher(client: gateway.transport.client, allowInternal: gateway.config.general.allowInternalImageURLs)
                .inline(&chat, logger: logger)
        }
        let request: UpstreamRequest
        do {
            request = try dialect.request(for: chat, deployment: deployment, upstreamModel: candidate.upstreamModel, dropUnsupported: drop)
        } catch let error as GatewayError {
            throw error
        } catch {
            throw GatewayError.invalidRequest("The request cannot be translated for \(deployment.provider.rawValue): \(error)")
        }
        let provider = deployment.provider.rawValue
        let created = Int(Date().timeIntervalSince1970)
        let started = gateway.clock.now()
        if chat.stream == true {
            let deadlines = UpstreamDeadlines.stream(gapsOf: gateway.streamTimeout(for: deployment))
            let decoder = dialect.streamDecoder(for: chat, requestedModel: requestedModel, created: created, includeUsage: includeUsage)
            let stream: PivotStream
            do {
                let response = try await gateway.transport.send(request, deadlines: deadlines, logger: logger)
                stream = PivotStream(response: response, decoder: decoder)
                guard response.isSuccess else {
                    let body = try await stream.collectRaw(limit: 1 << 20)
                    throw UpstreamFailure.fromResponse(
                        status: response.status, body: body, retryAfter: response.header("retry-after"), endpoint: dialect, provider: provider
                    )
                }
                try await stream.prime()
                guard stream.hasChunks else {
                    throw UpstreamFailure.invalidAnswer("a stream with no event the gateway could read", provider: provider)
                }
            } catch {
                throw UpstreamFailure.classify(error, provider: provider)
            }
            return .stream(stream, upstreamSeconds: gateway.clock.now() - started)
        }
        let exchange = try await gateway.exchange(request, deployment: deployment, endpoint: dialect, logger: logger)
        let answer = try dialect.response(from: exchange.body, for: chat, requestedModel: requestedModel, created: created)
        return .response(answer, upstreamSeconds: gateway.clock.now() - started)
    }
}

/// A provider stream decoded into pivot chunks as it arrives. One reader at a time.
final class PivotStream: @unchecked Sendable {
    private var iterator: UpstreamBody.AsyncIterator
    private var decoder: any ChatStreamDecoder
    private var buffered: [ChatCompletionChunk] = []
    private var ended = false

    init(response: UpstreamResponse, decoder: any ChatStreamDecoder) {
        self.iterator = response.body.makeAsyncIterator()
        self.decoder = decoder
    }

    var usage: Usage? { decoder.usage }

    /// Whether a decoded chunk is waiting (after `prime`, false means the stream held none).
    var hasChunks: Bool { !buffered.isEmpty }

    /// Reads until the first chunk is decoded, so the stream is known to be flowing.
    func prime() async throws {
        while buffered.isEmpty && !ended {
            try await pull()
        }
    }

    /// The next chunks, or nil once the stream has ended.
    func next() async throws -> [ChatCompletionChunk]? {
        while buffered.isEmpty {
            if ended { return nil }
            try await pull()
        }
        defer { buffered.removeAll() }
        return buffered
    }

    /// The raw body, for an error answer.
    func collectRaw(limit: Int) async throws -> ByteBuffer {
        var body = ByteBuffer()
        while body.readableBytes < limit, var chunk = try await iterator.next() {
            body.writeBuffer(&chunk)
        }
        return body
    }

    private func pull() async throws {
        if let bytes = try await iterator.next() {
            buffered += try decoder.decode(bytes)
        } else {
            ended = true
            buffered += try decoder.finish()
        }
    }
}
