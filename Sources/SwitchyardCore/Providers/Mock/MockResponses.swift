import Foundation
import NIOCore

/// The mock's Responses API (`/responses`): the request read as the chat turn it stands
/// for, answered by `MockModel`, and written back as a response object or the Responses
/// stream's events.
///
/// Unlike the mock's other answers, each response gets a fresh random id: a response id
/// names a stored conversation turn, so two identical requests must not share one.
enum MockResponses {
    static func answer(_ body: ByteBuffer, created: Int) throws -> MockProviderHandler.Answer {
        let request = try JSONDecoder().decode(ResponsesRequest.self, from: Data(body.readableBytesView))
        var chat = try ChatCompletionRequest(responses: request, history: [], dropUnsupported: true)
        chat.stream = nil
        chat.streamOptions = nil
        let model = MockModel(name: request.model)
        let id = "resp_" + HexDigits.random(bytes: 24)
        guard request.stream == true else {
            let completion = model.chatCompletion(chat, created: created)
            return MockProviderHandler.json(ResponseObject(chat: completion, request: request, id: id, createdAt: created, itemIDs: ResponseItemIDs(seed: id)))
        }
        chat.streamOptions = StreamOptions(includeUsage: true)
        var stream = ChatToResponsesStream(id: id, createdAt: created, request: request)
        var events = stream.start()
        for chunk in model.chatCompletionChunks(chat, created: created) { events += stream.consume(chunk) }
        events += stream.finish().events
        let chunks = events.map { ByteBuffer(bytes: (try? $0.sseEncoded()) ?? []) }
        return MockProviderHandler.Answer(status: 200, contentType: "text/event-stream", chunks: chunks)
    }
}
