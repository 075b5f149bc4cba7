import Foundation
import Hummingbird
import NIOCore
import SwitchyardCore

/// The stored responses of the Responses API: `GET /v1/responses/{id}`, `DELETE` of it, and
/// `GET /v1/responses/{id}/input_items`. Only the key that made a response and its team see
/// it; to everyone else, admins included, it does not exist (404).
struct ResponsesRoutes: Sendable {
    let gateway: Gateway

    var routes: [DescribedRoute] {
        let page: [APIOperation.Parameter] = [
            .init(name: "limit", schema: APISchema.integer.adding("minimum", 1).adding("maximum", 100), about: "Items per page, 1 to 100 (default 20)."),
            .init(name: "order", schema: APISchema.string.adding("enum", ["asc", "desc"]), about: "`desc` (default) or `asc`."),
            .init(name: "after", schema: .string, about: "An item id: the page starts after it."),
            .init(name: "before", schema: .string, about: "An item id: the page ends before it."),
        ]
        return [
            DescribedRoute(
                operation: APIOperation(
                    method: "GET", path: "responses/{id}", summary: "Retrieve a stored response",
                    about: "The response as it was answered; only the key that made it, its team and admins see it.",
                    tag: "Responses", access: .key, answer: .json(.ref("Response")), errors: [404]
                ),
                handle: { _, context in try await retrieve(context) }
            ),
            DescribedRoute(
                operation: APIOperation(
                    method: "DELETE", path: "responses/{id}", summary: "Delete a stored response", tag: "Responses", access: .key,
                    answer: .json(.object([("id", .string), ("object", .string), ("deleted", .boolean)], required: ["id", "object", "deleted"])),
                    errors: [404]
                ),
                handle: { _, context in try await delete(context) }
            ),
            DescribedRoute(
                operation: APIOperation(
                    method: "GET", path: "responses/{id}/input_items", summary: "List a stored response's input items",
                    about: "Earlier turns' input and output items, then the response's own input; newest first unless `order=asc`.",
                    tag: "Responses", access: .key, query: page, answer: .json(.ref("ItemList")), errors: [404]
                ),
                handle: { request, context in try await inputItems(request, context) }
            ),
        ]
    }

    /// The response as it was answered, byte for byte.
    private func retrieve(_ context: GatewayRequestContext) async throws -> Response {
        let stored = try await visible(context)
        return Self.json(ByteBuffer(string: stored.response))
    }

    private func delete(_ context: GatewayRequestContext) async throws -> Response {
        let stored = try await visible(context)
        _ = try await storing { try await gateway.governance.store.deleteResponse(id: stored.id) }
        return try Self.json(SurfaceJSON.encode(["id": JSONValue.string(stored.id), "object": "response", "deleted": true]))
    }

    /// Every item the response was made from: the earlier turns' input and output items
    /// (when it carried a conversation on), then its own input items; newest first unless
    /// `order=asc`.
    private func inputItems(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let stored = try await visible(context)
        let query = request.uri.queryParameters
        let limit = try PageLimit.parse(query.get("limit"))
        guard let order = CursorPage<[UInt8]>.Order(rawValue: query.get("order") ?? "desc") else {
            throw GatewayError.invalidRequest("'order' must be 'asc' or 'desc'.", param: "order")
        }
        var turns: [StoredResponse] = []
        if let previous = stored.previousResponseID {
            turns = try await storing { try await gateway.governance.store.conversation(endingAt: previous, limit: ResponsesConversation.maxTurns) }
        }
        let items = try ConversationItems(history: turns).items + ConversationItems.elements(of: Array(stored.inputItems.utf8), what: "input_items").items
        let page = CursorPage(items, id: Self.id, limit: limit, order: order, after: query.get("after"), before: query.get("before"))
        var body = ByteBuffer(string: #"{"object":"list","data":"#)
        body.writeBytes(ConversationItems(page.items).json)
        body.writeString(#","first_id":"#)
        body.writeBytes(page.firstID.map(JSONStringDecoding.encode) ?? Array("null".utf8))
        body.writeString(#","last_id":"#)
        body.writeBytes(page.lastID.map(JSONStringDecoding.encode) ?? Array("null".utf8))
        body.writeString(#","has_more":\#(page.hasMore)}"#)
        return Self.json(body)
    }

    /// The stored response the path names, when the caller may see it.
    private func visible(_ context: GatewayRequestContext) async throws -> StoredResponse {
        let id = try context.parameters.require("id")
        let owner = gateway.governance.owner(context.identity)
        guard let stored = try await storing({ try await gateway.governance.store.response(id: id) }), owner.mayRead(stored) else {
            throw GatewayError(.notFound, "Response with id '\(id)' not found.", param: "response_id", code: "response_not_found")
        }
        return stored
    }

    private func storing<T>(_ body: () async throws -> T) async throws -> T {
        try await storeCall("The response store", body)
    }

    private static func id(_ item: [UInt8]) -> String {
        item.withUnsafeBytes { raw in (try? JSONScanner.indexObject(raw))?.string("id", in: raw) } ?? ""
    }

    private static func json(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
    }
}
