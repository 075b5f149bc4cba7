import Foundation
import Hummingbird
import NIOCore
import SwitchyardCore

/// The Batch API: `POST /v1/batches`, `GET /v1/batches/{id}`, `GET /v1/batches` and
/// `POST /v1/batches/{id}/cancel`, in OpenAI's shapes. A batch is the key's that made it (and
/// its team's); admins see every batch; to anyone else it does not exist (404). The lines run
/// later, on whichever replica claims the batch (`BatchScheduler`).
struct BatchRoutes: Sendable {
    let gateway: Gateway
    let scheduler: BatchScheduler

    /// OpenAI's only completion window.
    static let completionWindow = "24h"
    static let windowSeconds: Double = 86_400

    var routes: [DescribedRoute] {
        func route(_ method: String, _ path: String, _ summary: String, _ about: String, query: [APIOperation.Parameter] = [],
                   body: APIOperation.Content? = nil, answer: String = "Batch", errors: [Int],
                   _ handle: @escaping @Sendable (Request, GatewayRequestContext) async throws -> Response) -> DescribedRoute {
            DescribedRoute(
                operation: APIOperation(
                    method: method, path: path, summary: summary, about: about, tag: "Batches", access: .key, query: query, body: body,
                    answer: .json(.ref(answer)), errors: errors
                ),
                handle: handle
            )
        }
        let create = APISchema.object(
            [
                ("input_file_id", APISchema.string.described("A file of purpose `batch` the caller may read.")),
                ("endpoint", APISchema.string.adding("enum", .array(BatchEndpoint.operations.keys.sorted().map(JSONValue.string)))),
                ("completion_window", APISchema.string.adding("enum", ["24h"])),
                ("metadata", APISchema.anyObject.nullable.described("At most 16 string pairs.")),
            ],
            required: ["input_file_id", "endpoint", "completion_window"]
        )
        return [
            route(
                "POST", "batches", "Create a batch", "Runs every line of the input file through the gateway's pipeline as the caller.",
                body: .json(create), errors: [400, 404]
            ) { request, context in try await self.create(request, context) },
            route(
                "GET", "batches", "List batches", "The caller's batches (every batch for admins), newest first.",
                query: [
                    .init(name: "limit", schema: APISchema.integer.adding("minimum", 1).adding("maximum", 100), about: "Batches per page (default 20)."),
                    .init(name: "after", schema: .string, about: "A batch id: the page starts after it."),
                ],
                answer: "BatchList", errors: [400]
            ) { request, context in try await list(request, context) },
            route("GET", "batches/{id}", "Retrieve a batch", "Its status, counts, usage and files.", errors: [404]) { _, context in
                try await Response.json(BatchObject(visible(context)))
            },
            route("POST", "batches/{id}/cancel", "Cancel a batch", "No line starts after it; running lines finish.", errors: [400, 404]) { _, context in
                try await cancel(context)
            },
        ]
    }

    private var store: any GovernanceStore { gateway.governance.store }

    private func create(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 1024 * 1024)
        let fields = try BatchCreateFields(body)
        try await scheduler.files.checkInput(id: fields.inputFileID, identity: context.identity)
        let owner = gateway.governance.owner(context.identity)
        let now = gateway.clock.wallTime()
        let batch = StoredBatch(
            id: "batch_" + HexDigits.random(bytes: 16), ownerKeyHash: owner.keyHash, teamID: owner.teamID, endpoint: fields.endpoint,
            inputFileID: fields.inputFileID, completionWindow: Self.completionWindow, createdAt: now, expiresAt: now + Self.windowSeconds,
            metadata: fields.metadata, outputLifetime: fields.outputLifetime
        )
        try await storing { try await store.insertBatch(batch) }
        scheduler.batchCreated()
        return try Response.json(BatchObject(batch))
    }

    /// The caller's batches (every batch for an admin), newest first, `limit` (1–100, 20 by
    /// default) at a time after the `after` cursor.
    private func list(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let limit = try PageLimit.parse(query.get("limit"))
        let owner = gateway.governance.owner(context.identity)
        let admin = context.identity.mayAdminister
        let window = try await storing {
            try await store.batches(BatchQuery(ownerKeyHash: admin ? nil : owner.keyHash, teamID: owner.teamID, limit: limit, after: query.get("after")))
        }
        let page = Array(window.prefix(limit))
        return try Response.json(BatchList(data: page.map(BatchObject.init), firstID: page.first?.id, lastID: page.last?.id, hasMore: window.count > limit))
    }

    /// Moves the batch to `cancelling`: no line starts after this, the lines running finish,
    /// and the batch ends `cancelled` with the files of what ran. Cancelling one already
    /// cancelling or cancelled answers it as it is; one that ended otherwise is a 400.
    private func cancel(_ context: GatewayRequestContext) async throws -> Response {
        var batch = try await visible(context)
        while true {
            if batch.status == .cancelling || batch.status == .cancelled { return try Response.json(BatchObject(batch)) }
            guard let cancelling = batch.moved(by: .cancelRequested, at: gateway.clock.wallTime()) else {
                throw GatewayError(
                    .invalidRequest, "Cannot cancel a batch with status '\(batch.status.rawValue)'.", param: "batch_id", code: "batch_not_cancellable"
                )
            }
            let current = batch.status
            if try await storing({ try await store.updateBatch(cancelling, from: [current]) }) {
                scheduler.batchCancelled(batch.id)
                return try Response.json(BatchObject(cancelling))
            }
            // The batch moved on meanwhile (its scheduler, or another cancel): look again.
            batch = try await visible(context)
        }
    }

    /// The batch the path names, when the caller may see it.
    private func visible(_ context: GatewayRequestContext) async throws -> StoredBatch {
        let id = try context.parameters.require("id")
        let owner = gateway.governance.owner(context.identity)
        guard let batch = try await storing({ try await store.batch(id: id) }),
            owner.mayAccess(ownerKeyHash: batch.ownerKeyHash, teamID: batch.teamID, admins: .everything)
        else {
            throw GatewayError(.notFound, "No batch found with id '\(id)'.", param: "batch_id", code: "batch_not_found")
        }
        return batch
    }

    private func storing<T>(_ body: () async throws -> T) async throws -> T {
        try await storeCall("The batch store", body)
    }

}

/// `GET /v1/batches`: `{"object": "list", "data", "first_id", "last_id", "has_more"}`.
private struct BatchList: Encodable {
    var object = "list"
    var data: [BatchObject]
    var firstID: String?
    var lastID: String?
    var hasMore: Bool

    enum CodingKeys: String, CodingKey {
        case object, data
        case firstID = "first_id", lastID = "last_id", hasMore = "has_more"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(object, forKey: .object)
        try container.encode(data, forKey: .data)
        try container.encode(firstID, forKey: .firstID)
        try container.encode(lastID, forKey: .lastID)
        try container.encode(hasMore, forKey: .hasMore)
    }
}
