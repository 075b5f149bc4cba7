import Foundation
import Logging
import NIOCore
import SwitchyardCore

/// A Responses request's place in its conversation: the turn it carries on from, the input
/// it adds, and the record of its answer.
///
/// The history belongs to the gateway, not to a provider: `previous_response_id` is read from
/// the gateway's store and the earlier turns are sent as input, so a conversation carries on
/// whichever provider (or replica) served the turns before.
struct ResponsesConversation: Sendable {
    let owner: ResourceOwner
    let previousResponseID: String?
    /// False when the request said `store: false`: nothing is kept.
    let stores: Bool
    /// This request's own input items, each with an id.
    let inputItems: ConversationItems
    let model: String
    private let store: any ResponseStore
    private let clock: any GatewayClock
    private let logger: Logger

    /// The longest chain of earlier turns read back for `previous_response_id`.
    static let maxTurns = 1000

    /// Opens the conversation of `request`, and answers the request to send on: with
    /// `previous_response_id`, the earlier turns' items come first in its `input` and the
    /// member itself is gone. An id the caller may not read is not found, as OpenAI answers.
    static func open(_ request: OperationRequest, owner: ResourceOwner, gateway: Gateway, logger: Logger) async throws -> (ResponsesConversation, OperationRequest) {
        let previous = request.field("previous_response_id")
        let own = try ConversationItems.input(of: request)
        if previous == nil, own.items.isEmpty {
            throw GatewayError(.invalidRequest, "Missing required parameter: 'input'.", param: "input", code: "missing_required_parameter")
        }
        let stores = request.bytes.withUnsafeReadableBytes { request.index.bool("store", in: $0) } ?? true
        let conversation = ResponsesConversation(
            owner: owner, previousResponseID: previous, stores: stores, inputItems: own.identified(ResponseIDs.item), model: request.model,
            store: gateway.governance.store, clock: gateway.clock, logger: logger
        )
        guard let previous else { return (conversation, request) }
        let turns: [StoredResponse]
        do {
            turns = try await gateway.governance.store.conversation(endingAt: previous, limit: maxTurns)
        } catch {
            throw GatewayError(.upstreamUnavailable, "The response store is unavailable: \(error)", code: "store_unavailable")
        }
        guard let last = turns.last, last.id == previous, owner.mayRead(last) else {
            throw GatewayError(
                .invalidRequest, "Previous response with id '\(previous)' not found.", param: "previous_response_id", code: "previous_response_not_found"
            )
        }
        let history = try ConversationItems(history: turns).asContext
        var edit = JSONObjectEdit()
        edit.remove("previous_response_id")
        edit.set("input", rawJSON: (history + own).json)
        var body = ByteBuffer()
        request.bytes.withUnsafeReadableBytes { edit.apply(to: $0, index: request.index, into: &body) }
        return (conversation, try OperationRequest.parse(body, operation: request.operation))
    }

    /// Stores an answer's response object (its JSON as the client receives it) under its id,
    /// before the answer's last byte goes out. A failure is logged, not passed on: the client
    /// still gets the answer it was charged for.
    func record(response json: [UInt8]) async {
        guard stores else { return }
        let id = json.withUnsafeBytes { raw in (try? JSONScanner.indexObject(raw))?.string("id", in: raw) }
        guard let id, !id.isEmpty else {
            logger.warning("a response without an id was not stored")
            return
        }
        let record = StoredResponse(
            id: id, ownerKeyHash: owner.keyHash, teamID: owner.teamID, previousResponseID: previousResponseID, model: model,
            createdAt: clock.wallTime(), inputItems: String(decoding: inputItems.json, as: UTF8.self), response: String(decoding: json, as: UTF8.self)
        )
        do {
            try await store.insertResponse(record)
        } catch {
            logger.error("storing a response failed", metadata: ["switchyard.response_id": .string(id), "switchyard.error": .string("\(error)")])
        }
    }
}

/// Ids the gateway gives responses and items, shaped as OpenAI's.
enum ResponseIDs {
    static func response() -> String { "resp_" + HexDigits.random(bytes: 24) }
    static func item(prefix: String) -> String { prefix + "_" + HexDigits.random(bytes: 16) }
}

extension ResponsesConversation {
    /// Stores the response a relayed stream ends with, and answers its usage for the meter.
    func recordStreamed(_ response: [UInt8]) async -> Usage? {
        await record(response: response)
        return response.withUnsafeBytes { raw in
            (try? JSONScanner.indexObject(raw)).flatMap { Usage(scanningMemberOf: $0, in: raw) }
        }
    }
}
