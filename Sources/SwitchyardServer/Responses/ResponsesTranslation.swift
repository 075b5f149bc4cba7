import Foundation
import NIOCore
import SwitchyardCore

/// A Responses request for a deployment without the Responses API: the request through the
/// chat pivot into the provider's dialect, and the answer back as a response object, or
/// streamed as the Responses API's events. The answer is stored before its last byte.
struct ResponsesTranslation: Sendable {
    let gateway: Gateway
    let conversation: ResponsesConversation

    func attempt(_ call: OperationCall, candidate: RouteTarget.Candidate) async throws -> RouteAttempt<ProxiedAnswer> {
        let drop = call.request.controls.dropsUnsupported(for: candidate.deployment, default: gateway.config.litellm.dropParams)
        var chat = try call.pivot(dropUnsupported: drop)
        chat.model = candidate.upstreamModel
        var request = try call.request.decode(ResponsesRequest.self)
        // The request sent on has the history inlined; the answer still names the turn it follows.
        request.previousResponseID = conversation.previousResponseID
        let answer = try await PivotProxy(gateway: gateway).send(
            chat, to: candidate, requestedModel: call.model, includeUsage: true, dropUnsupported: drop, logger: call.logger
        )
        let id = ResponseIDs.response()
        let created = Int(gateway.clock.wallTime())
        let conversation = conversation
        let encoder = ResponsesSSEEncoder(
            stream: ChatToResponsesStream(id: id, createdAt: created, request: request), conversation: conversation
        )
        return try await PivotResponder(gateway: gateway).respond(answer, call: call, candidate: candidate, encoder: encoder) { response in
            let object = ResponseObject(chat: response, request: request, id: id, createdAt: created, itemIDs: ResponseItemIDs(seed: id))
            let body = try SurfaceJSON.encode(object)
            await conversation.record(response: Array(body.readableBytesView))
            return body
        }
    }
}

/// The Responses API's stream: `response.created` first, the output's events as the
/// provider's chunks arrive, and the final response (stored before it is written) last.
struct ResponsesSSEEncoder: PivotStreamEncoder {
    var stream: ChatToResponsesStream
    let conversation: ResponsesConversation
    private var started = false

    init(stream: ChatToResponsesStream, conversation: ResponsesConversation) {
        self.stream = stream
        self.conversation = conversation
    }

    var contentType: String { "text/event-stream" }

    mutating func encode(_ chunks: [ChatCompletionChunk]) throws -> ByteBuffer {
        var out = ByteBuffer()
        if !started {
            started = true
            try write(stream.start(), to: &out)
        }
        for chunk in chunks { try write(stream.consume(chunk), to: &out) }
        return out
    }

    mutating func finish() async throws -> ByteBuffer {
        var out = ByteBuffer()
        if !started {
            started = true
            try write(stream.start(), to: &out)
        }
        let (events, response) = stream.finish()
        await conversation.record(response: Array(try SurfaceJSON.encode(response).readableBytesView))
        try write(events, to: &out)
        return out
    }

    func failure(_ error: GatewayError) -> ByteBuffer {
        // The failure ends the stream: its sequence number is taken from a copy.
        var stream = stream
        var out = ByteBuffer()
        if let bytes = try? stream.failed(error).sseEncoded() { out.writeBytes(bytes) }
        return out
    }

    private func write(_ events: [ResponseStreamEvent], to out: inout ByteBuffer) throws {
        for event in events { out.writeBytes(try event.sseEncoded()) }
    }
}
