import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SwitchyardCore

/// Writes pivot chunks in one client surface's stream format.
protocol PivotStreamEncoder: Sendable {
    mutating func encode(_ chunks: [ChatCompletionChunk]) throws -> ByteBuffer
    /// What ends the stream (`[DONE]`, `message_stop`…); it may first record the answer.
    mutating func finish() async throws -> ByteBuffer
    /// The in-stream event for a failure after the headers were sent.
    func failure(_ error: GatewayError) -> ByteBuffer
    var contentType: String { get }
}

/// Turns a pivot answer into the client surface's answer: the whole body, or a stream
/// written as the provider's chunks arrive.
struct PivotResponder: Sendable {
    let gateway: Gateway

    func respond(
        _ answer: PivotAnswer,
        call: OperationCall,
        candidate: RouteTarget.Candidate,
        encoder: any PivotStreamEncoder,
        render: (ChatCompletionResponse) async throws -> ByteBuffer
    ) async throws -> RouteAttempt<ProxiedAnswer> {
        switch answer {
        case .response(let response, let upstreamSeconds):
            let body = try await render(response)
            return RouteAttempt(value: ProxiedAnswer(contentType: "application/json", body: .whole(body, usage: response.usage.map(MeteredUsage.init))), upstreamSeconds: upstreamSeconds, keepsSlot: false)
        case .stream(let stream, let upstreamSeconds):
            let gateway = gateway
            let meter = call.meter
            let logger = call.logger
            let provider = candidate.deployment.provider.rawValue
            let body = ResponseBody { writer in
                defer { gateway.ledger.end(candidate.key) }
                var encoder = encoder
                do {
                    while let chunks = try await stream.next() {
                        let bytes = try encoder.encode(chunks)
                        if bytes.readableBytes > 0 { try await writer.write(bytes) }
                    }
                    try await writer.write(try await encoder.finish())
                    if let usage = stream.usage { gateway.record(usage, candidate: candidate, meter: meter) }
                } catch let stop as GuardedStreamWriter.Stopped {
                    // The answer's guardrails ended the stream; nothing more is written.
                    throw stop
                } catch let error as GatewayError {
                    call.streamBroke()
                    logger.warning("upstream stream broke", metadata: ["switchyard.error": .string(error.message)])
                    try await writer.write(encoder.failure(error))
                } catch where !(error is CancellationError) && !Task.isCancelled {
                    call.streamBroke()
                    let failure = UpstreamFailure.classify(error, provider: provider)
                    logger.warning("upstream stream broke", metadata: ["switchyard.error": .string(failure.message)])
                    try? await writer.write(encoder.failure(failure))
                }
                try await writer.finish(nil)
            }
            return RouteAttempt(value: ProxiedAnswer(contentType: encoder.contentType, body: .stream(body)), upstreamSeconds: upstreamSeconds, keepsSlot: true)
        }
    }
}

/// Shared JSON encoding for responses the gateway writes itself.
enum SurfaceJSON {
    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        // Sorted keys: identical requests get identical bytes (objects the gateway rebuilt,
        // such as translated tool arguments, have no order of their own).
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ByteBuffer(bytes: try encoder.encode(value))
    }
}

/// OpenAI's stream format: `data: <chunk>` events, then `data: [DONE]`.
struct OpenAISSEEncoder: PivotStreamEncoder {
    var contentType: String { "text/event-stream" }

    mutating func encode(_ chunks: [ChatCompletionChunk]) throws -> ByteBuffer {
        var out = ByteBuffer()
        for chunk in chunks {
            out.writeString("data: ")
            var json = try SurfaceJSON.encode(chunk)
            out.writeBuffer(&json)
            out.writeString("\n\n")
        }
        return out
    }

    mutating func finish() throws -> ByteBuffer { ByteBuffer(string: "data: [DONE]\n\n") }

    func failure(_ error: GatewayError) -> ByteBuffer { ClientDialect(surface: .openAI).streamFailure(error) }
}

/// Anthropic's stream format: typed events from `message_start` to `message_stop`.
struct AnthropicSSEEncoder: PivotStreamEncoder {
    var stream: OpenAIToAnthropicStream
    var contentType: String { "text/event-stream" }

    mutating func encode(_ chunks: [ChatCompletionChunk]) throws -> ByteBuffer {
        var out = ByteBuffer()
        for chunk in chunks {
            for event in stream.consume(chunk) { out.writeBytes(try event.sseEncoded()) }
        }
        return out
    }

    mutating func finish() throws -> ByteBuffer {
        var out = ByteBuffer()
        for event in stream.finish() { out.writeBytes(try event.sseEncoded()) }
        return out
    }

    func failure(_ error: GatewayError) -> ByteBuffer { ClientDialect(surface: .anthropic).streamFailure(error) }
}

/// Gemini's stream format (`alt=sse`): `data: <GenerateContentResponse>` events, no terminator.
struct GeminiSSEEncoder: PivotStreamEncoder {
    var stream: OpenAIToGeminiStream
    var contentType: String { "text/event-stream" }

    mutating func encode(_ chunks: [ChatCompletionChunk]) throws -> ByteBuffer {
        var out = ByteBuffer()
        for chunk in chunks {
            for response in stream.translate(chunk) { try write(response, to: &out) }
        }
        return out
    }

    mutating func finish() throws -> ByteBuffer {
        var out = ByteBuffer()
        for response in stream.finish() { try write(response, to: &out) }
        return out
    }

    private func write(_ response: GeminiGenerateContentResponse, to out: inout ByteBuffer) throws {
        out.writeString("data: ")
        var json = try SurfaceJSON.encode(response)
        out.writeBuffer(&json)
        out.writeString("\r\n\r\n")
    }

    func failure(_ error: GatewayError) -> ByteBuffer { ClientDialect(surface: .gemini).streamFailure(error) }
}
