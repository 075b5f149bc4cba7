import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardCore

/// The reads of video and music jobs, and the remix of a video: `GET /v1/videos`,
/// `GET /v1/videos/{id}` (also `/v1/videos/generations/{id}`), `GET /v1/videos/{id}/content`,
/// `DELETE /v1/videos/{id}`, `POST /v1/videos/{id}/remix`; `GET /v1/music/generations`,
/// `GET /v1/music/generations/{id}` and its `/content`.
///
/// Every read answers from the store: a provider is only ever asked by the poller. A job is
/// visible to the key that made it, its team, and admins; to everyone else it does not exist.
struct JobRoutes: Sendable {
    let gateway: Gateway
    let pipeline: OperationPipeline

    var routes: [DescribedRoute] {
        func route(_ method: String, _ path: String, _ summary: String, _ about: String, tag: String, query: [APIOperation.Parameter] = [],
                   body: APIOperation.Content? = nil, answer: APIOperation.Content, errors: [Int] = [404],
                   _ handle: @escaping @Sendable (Request, GatewayRequestContext) async throws -> Response) -> DescribedRoute {
            DescribedRoute(
                operation: APIOperation(
                    method: method, path: path, summary: summary, about: about, tag: tag, access: .key, query: query, body: body, answer: answer,
                    errors: errors
                ),
                handle: handle
            )
        }
        let page: [APIOperation.Parameter] = [
            .init(name: "limit", schema: APISchema.integer.adding("minimum", 1).adding("maximum", 100), about: "Jobs per page (default 20)."),
            .init(name: "order", schema: APISchema.string.adding("enum", ["asc", "desc"]), about: "`desc` (default) or `asc`."),
            .init(name: "after", schema: .string, about: "A job id: the page starts after it."),
            .init(name: "before", schema: .string, about: "A job id: the page ends before it."),
        ]
        let deleted = APIOperation.Content.json(.object([("id", .string), ("object", .string), ("deleted", .boolean)], required: ["id", "object", "deleted"]))
        var routes: [DescribedRoute] = []
        for (kind, collection, tag, schema) in [(MediaJob.Kind.video, "videos", "Videos", "Video"), (.music, "music/generations", "Music", "Music")] {
            let media = kind == .video ? "video/mp4" : "audio/*"
            routes += [
                route("GET", collection, "List \(kind.rawValue) jobs", "The caller's jobs (every job for admins).", tag: tag, query: page,
                      answer: .json(.ref("JobList")), errors: [400]) { request, context in try await list(kind, request, context) },
                route("GET", "\(collection)/{id}", "Retrieve a \(kind.rawValue) job", "Its status and progress, from the gateway's store.", tag: tag,
                      answer: .json(.ref(schema))) { _, context in try await retrieve(kind, context) },
                route("GET", "\(collection)/{id}/content", "Download a \(kind.rawValue)", "The finished file, streamed from the gateway's store.",
                      tag: tag, query: kind == .video ? [.init(name: "variant", schema: .string, about: "`video` (default).")] : [],
                      answer: APIOperation.Content(mediaTypes: [(media, APISchema.string.adding("format", "binary"))])) { request, context in
                    try await content(kind, request, context)
                },
                route("DELETE", "\(collection)/{id}", "Delete a \(kind.rawValue) job", "A finished job and its stored file.", tag: tag,
                      answer: deleted, errors: [400, 404]) { _, context in try await delete(kind, context) },
            ]
        }
        routes += [
            route("GET", "videos/generations/{id}", "Retrieve a video job (compatibility path)", "As GET /v1/videos/{id}.", tag: "Videos",
                  answer: .json(.ref("Video"))) { _, context in try await retrieve(.video, context) },
            route("GET", "videos/generations/{id}/content", "Download a video (compatibility path)", "As GET /v1/videos/{id}/content.",
                  tag: "Videos", answer: APIOperation.Content(mediaTypes: [("video/mp4", APISchema.string.adding("format", "binary"))])) { request, context in
                try await content(.video, request, context)
            },
            route("POST", "videos/{id}/remix", "Remix a video", "A new job from a completed video, on the deployment that made it.", tag: "Videos",
                  body: .json(.object([("prompt", .string)], required: ["prompt"])), answer: .json(.ref("Video")), errors: [400, 402, 404]) { request, context in
                let source = try await visible(.video, context)
                guard source.status == .completed else {
                    throw GatewayError(.invalidRequest, "Only a completed video can be remixed; '\(source.id)' is \(source.status.rawValue).", code: "video_not_ready")
                }
                return await pipeline.respond(OperationTable.videoRemix, to: request, context: context, pathModel: source.model, remixSource: source)
            },
        ]
        return routes
    }

    private func retrieve(_ kind: MediaJob.Kind, _ context: GatewayRequestContext) async throws -> Response {
        let job = try await visible(kind, context)
        var response = try Response.json(JobObject(job))
        if job.isRunning {
            // The SDKs' poll helpers wait this long before asking again.
            response.headers[HTTPField.Name("openai-poll-after-ms")!] = String(Int(gateway.jobLifecycle.backoff.initial * 1000))
        }
        return response
    }

    /// The stored content, streamed from the store piece by piece.
    private func content(_ kind: MediaJob.Kind, _ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let job = try await visible(kind, context)
        let variant = request.uri.queryParameters.get("variant") ?? (kind == .video ? "video" : "audio")
        guard variant == (kind == .video ? "video" : "audio") else {
            throw GatewayError(
                .notFound, "The gateway stores the \(kind == .video ? "video" : "audio") of a job, not its \(variant).", param: "variant", code: "variant_not_stored"
            )
        }
        guard job.status == .completed, let bytes = job.contentBytes else {
            throw GatewayError(.notFound, "The content of '\(job.id)' is not ready: the job is \(job.status.rawValue).", code: "content_not_ready")
        }
        let contents = FileContents(blobs: gateway.jobContent, id: job.id, bytes: bytes)
        var headers: HTTPFields = [.contentType: job.contentType ?? "application/octet-stream", .contentLength: String(bytes)]
        headers[.contentDisposition] = "attachment; filename=\"\(job.id).\(job.kind == .video ? "mp4" : "wav")\""
        return Response(status: .ok, headers: headers, body: ResponseBody(contentLength: Int(bytes)) { writer in
            for try await piece in contents { try await writer.write(piece) }
            try await writer.finish(nil)
        })
    }

    private func delete(_ kind: MediaJob.Kind, _ context: GatewayRequestContext) async throws -> Response {
        let job = try await visible(kind, context)
        try await gateway.jobs.delete(job)
        return try Response.json(JobDeletion(id: job.id, object: "\(kind.rawValue).deleted", deleted: true))
    }

    /// Newest first unless `order=asc`; `limit` 1–100 (20), `after` and `before` as ids.
    private func list(_ kind: MediaJob.Kind, _ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let limit = query.get("limit").map { Int($0) } ?? 20
        guard let limit, (1...100).contains(limit) else {
            throw GatewayError.invalidRequest("'limit' must be an integer from 1 to 100.", param: "limit")
        }
        guard let order = CursorPage<MediaJob>.Order(rawValue: query.get("order") ?? "desc") else {
            throw GatewayError.invalidRequest("'order' must be 'asc' or 'desc'.", param: "order")
        }
        let owner = gateway.governance.owner(context.identity)
        let jobs = try await storing { try await gateway.governance.store.jobs(kind: kind, visibleTo: owner.visibility(admins: .everything)) }
        let page = CursorPage(jobs, id: \.id, limit: limit, order: order, after: query.get("after"), before: query.get("before"))
        return try Response.json(JobList(data: page.items.map(JobObject.init), firstID: page.firstID, lastID: page.lastID, hasMore: page.hasMore))
    }

    /// The job the path names, when the caller may see it.
    private func visible(_ kind: MediaJob.Kind, _ context: GatewayRequestContext) async throws -> MediaJob {
        let id = try context.parameters.require("id")
        let owner = gateway.governance.owner(context.identity)
        let job = try await storing { try await gateway.governance.store.job(id: id) }
        guard let job, job.kind == kind, owner.mayAccess(ownerKeyHash: job.ownerKeyHash, teamID: job.teamID, admins: .everything) else {
            throw GatewayError(.notFound, "No \(kind.rawValue) with id '\(id)'.", param: "id", code: "\(kind.rawValue)_not_found")
        }
        return job
    }

    private func storing<T>(_ body: () async throws -> T) async throws -> T {
        try await storeCall("The job store", body)
    }

}

/// `{"id", "object": "video.deleted", "deleted": true}`.
struct JobDeletion: Encodable {
    var id: String
    var object: String
    var deleted: Bool
}

/// OpenAI's list envelope: `{"object": "list", "data", "first_id", "last_id", "has_more"}`.
struct JobList: Encodable {
    var data: [JobObject]
    var firstID: String?
    var lastID: String?
    var hasMore: Bool

    enum CodingKeys: String, CodingKey {
        case object, data
        case firstID = "first_id"
        case lastID = "last_id"
        case hasMore = "has_more"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("list", forKey: .object)
        try container.encode(data, forKey: .data)
        try container.encode(firstID, forKey: .firstID)
        try container.encode(lastID, forKey: .lastID)
        try container.encode(hasMore, forKey: .hasMore)
    }
}
