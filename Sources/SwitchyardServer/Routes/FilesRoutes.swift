import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardCore

/// OpenAI's Files API, stored by the gateway: `POST /v1/files` (multipart, streamed to
/// storage), `GET /v1/files`, `GET /v1/files/{id}`, `GET /v1/files/{id}/content` (streamed)
/// and `DELETE /v1/files/{id}`.
///
/// Each is admitted like any request (the key's state and rate limits), logged with its
/// `call_type` (`files.create`, `files.list`, …) at no cost, and answered with the caller's
/// storage headers, errors included. A file is visible to the key that uploaded it, its team
/// and admins; to everyone else it does not exist (404).
struct FilesRoutes: Sendable {
    let gateway: Gateway

    var files: FileService { gateway.files }

    /// The paths whose `POST` bodies stream to the route as they arrive (`ConnectionLimits`).
    static let uploadPaths: Set<String> = ["/v1/files", "/files", "/api/v1/files"]

    var routes: [DescribedRoute] {
        let id = "An id the caller may see: its own, its team's, or any for admins."
        func route(_ method: String, _ path: String, _ summary: String, _ about: String, query: [APIOperation.Parameter] = [],
                   body: APIOperation.Content? = nil, answer: APIOperation.Content, errors: [Int] = [404],
                   _ handle: @escaping @Sendable (Request, GatewayRequestContext) async throws -> Response) -> DescribedRoute {
            DescribedRoute(
                operation: APIOperation(
                    method: method, path: path, summary: summary, about: about + " " + id, tag: "Files", access: .key, query: query, body: body,
                    answer: answer, errors: errors
                ),
                handle: handle
            )
        }
        let upload = APISchema.object(
            [
                ("file", APISchema.string.adding("format", "binary")),
                ("purpose", APISchema.string.adding("enum", ["assistants", "batch", "fine-tune", "vision", "user_data", "evals"])),
                ("expires_after[anchor]", APISchema.string.adding("enum", ["created_at"])),
                ("expires_after[seconds]", APISchema.integer.adding("minimum", 3600).adding("maximum", 2_592_000)),
            ],
            required: ["file", "purpose"]
        )
        return [
            DescribedRoute(
                operation: APIOperation(
                    method: "POST", path: "files", summary: "Upload a file",
                    about: "Multipart, streamed to the gateway's storage; answers carry x-storage-used-bytes and x-storage-limit-bytes.",
                    tag: "Files", access: .key, body: APIOperation.Content(mediaTypes: [("multipart/form-data", upload)]),
                    answer: .json(.ref("File")), errors: [400, 413]
                ),
                handle: { request, context in
                    try await answer("files.create", request, context) { owner, _ in try await create(request, owner: owner) }
                }
            ),
            DescribedRoute(
                operation: APIOperation(
                    method: "GET", path: "files", summary: "List files", about: "The caller's files (every file for admins), newest first.",
                    tag: "Files", access: .key, query: [
                        .init(name: "purpose", schema: .string, about: "Only files of this purpose."),
                        .init(name: "limit", schema: APISchema.integer.adding("minimum", 1).adding("maximum", 10_000), about: "Files per page (default 10000)."),
                        .init(name: "order", schema: APISchema.string.adding("enum", ["asc", "desc"]), about: "`desc` (default) or `asc`."),
                        .init(name: "after", schema: .string, about: "A file id: the page starts after it."),
                        .init(name: "before", schema: .string, about: "A file id: the page ends before it."),
                    ],
                    answer: .json(.ref("FileList")), errors: [400]
                ),
                handle: { request, context in
                    try await answer("files.list", request, context) { owner, _ in try await list(request, owner: owner) }
                }
            ),
            route("GET", "files/{id}", "Retrieve a file", "The file object.", answer: .json(.ref("File"))) { request, context in
                try await answer("files.retrieve", request, context) { owner, _ in try Response.json(FileObject(try await visible(context, owner))) }
            },
            route(
                "GET", "files/{id}/content", "Download a file", "The bytes as uploaded, streamed.",
                answer: APIOperation.Content(mediaTypes: [("application/octet-stream", APISchema.string.adding("format", "binary"))])
            ) { request, context in
                try await answer("files.content", request, context) { owner, meter in try await content(context, owner: owner, meter: meter) }
            },
            route(
                "DELETE", "files/{id}", "Delete a file", "Removes the file and its bytes.",
                answer: .json(.object([("id", .string), ("object", .string), ("deleted", .boolean)], required: ["id", "object", "deleted"]))
            ) { request, context in
                try await answer("files.delete", request, context) { owner, _ in
                    let file = try await visible(context, owner)
                    try await files.delete(file, logger: context.logger)
                    return try Response.json(FileDeleted(id: file.id))
                }
            },
        ]
    }

    /// Runs one operation for the caller: admission and its log row (a streamed answer
    /// settles its own row when its last byte is written), rate-limit and storage headers.
    private func answer(
        _ callType: String, _ request: Request, _ context: GatewayRequestContext,
        _ body: (ResourceOwner, RequestMeter) async throws -> Response
    ) async throws -> Response {
        let identity = context.identity
        let owner = gateway.governance.owner(identity)
        let meter: RequestMeter
        do {
            meter = try gateway.governance.meter(
                identity: identity, models: [], estimate: 0, modelGroup: "", callType: callType, requestID: context.requestID,
                tags: Gateway.tags(request), charged: false, logger: context.logger
            )
        } catch {
            throw await failure(error, request: request, owner: owner)
        }
        do {
            var response = try await body(owner, meter)
            meter.addRateLimitHeaders(to: &response.headers)
            for (name, value) in await storageHeaders(owner) { response.headers[name] = value }
            if response.body.contentLength != nil { meter.finish(status: response.status.code) }
            return response
        } catch {
            let failure = await failure(error, request: request, owner: owner)
            meter.finish(status: failure.status)
            throw failure
        }
    }

    /// `error` as the gateway error it answers, with the caller's storage headers.
    private func failure(_ error: any Error, request: Request, owner: ResourceOwner) async -> GatewayError {
        var failure = GatewayErrorMiddleware.gatewayError(from: error, request: request)
        for (name, value) in await storageHeaders(owner) { failure.headers[name.rawName] = value }
        return failure
    }

    /// `x-storage-used-bytes` and, when the caller has a limit, `x-storage-limit-bytes`; none
    /// when the store cannot say.
    private func storageHeaders(_ owner: ResourceOwner) async -> [(HTTPField.Name, String)] {
        guard let usage = try? await files.usage(of: owner) else { return [] }
        var headers = [(HTTPField.Name.storageUsedBytes, String(usage.used))]
        if let limit = usage.limit { headers.append((.storageLimitBytes, String(limit))) }
        return headers
    }

    private func create(_ request: Request, owner: ResourceOwner) async throws -> Response {
        guard let contentType = request.headers[.contentType], let reader = MultipartStreamReader(contentType: contentType) else {
            throw GatewayError(
                .invalidRequest, "Upload a file as multipart/form-data with a 'file' part and a 'purpose' field.", code: "invalid_request"
            )
        }
        let upload = try await files.begin(owner: owner, declaredBytes: request.headers[.contentLength].flatMap { Int64($0) })
        var written: StoredFile?
        do {
            let form = FileUploadForm(body: request.body, reader: reader)
            guard let part = try await form.readToFile() else {
                throw GatewayError(.invalidRequest, "Missing required parameter: 'file'.", param: "file", code: "missing_required_parameter")
            }
            // A purpose sent before the file is judged before its bytes are stored.
            if form.fields.purpose != nil { _ = try form.fields.validPurpose() }
            let file = try await files.write(upload, filename: part.filename ?? "file", contents: form.fileContents)
            written = file
            try await form.readRest()
            let stored = try await files.publish(upload, file: file, purpose: try form.fields.validPurpose(), lifetime: try form.fields.lifetime())
            return try Response.json(FileObject(stored))
        } catch {
            await files.abandon(upload, file: written)
            throw error
        }
    }

    private func list(_ request: Request, owner: ResourceOwner) async throws -> Response {
        let parameters = request.uri.queryParameters
        let limit = try PageLimit.parse(parameters.get("limit"), fallback: 10_000, maximum: 10_000)
        guard let order = CursorPage<StoredFile>.Order(rawValue: parameters.get("order") ?? "desc") else {
            throw GatewayError.invalidRequest("'order' must be 'asc' or 'desc'.", param: "order")
        }
        let query = FileQuery(
            visibility: owner.visibility(admins: .everything), purpose: parameters.get("purpose"), limit: limit, order: order,
            after: parameters.get("after"), before: parameters.get("before"), now: gateway.clock.wallTime()
        )
        return try Response.json(FileList(try await files.list(query)))
    }

    /// The bytes as stored, streamed: the first chunk is read before the answer starts, so a
    /// file whose bytes are missing is an error, not a cut-off success.
    private func content(_ context: GatewayRequestContext, owner: ResourceOwner, meter: RequestMeter) async throws -> Response {
        let file = try await visible(context, owner)
        var chunks = files.contents(of: file).makeAsyncIterator()
        let first = try await chunks.next()
        var headers = HTTPFields()
        headers[.contentType] = "application/octet-stream"
        headers[.contentLength] = String(file.bytes)
        headers[.contentDisposition] = "attachment; filename=\"\(Self.quoted(file.filename))\""
        let rest = chunks
        // No length on the body itself: the connection then writes it chunk by chunk, waiting
        // for the client, instead of queuing the whole file (the header gives the length).
        let body = ResponseBody { writer in
            var status = 499
            defer { meter.finish(status: status) }
            var chunks = rest
            if let first { try await writer.write(first) }
            while let chunk = try await chunks.next() { try await writer.write(chunk) }
            try await writer.finish(nil)
            status = 200
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The file the path names, when the caller may see it.
    private func visible(_ context: GatewayRequestContext, _ owner: ResourceOwner) async throws -> StoredFile {
        let id = try context.parameters.require("id")
        guard let file = try await files.file(id: id, owner: owner) else {
            throw GatewayError(.notFound, "No such File object: \(id)", param: "file_id", code: "file_not_found")
        }
        return file
    }

    private static func quoted(_ filename: String) -> String {
        String(filename.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 32 }.map(Character.init))
    }

}

extension HTTPField.Name {
    static let storageUsedBytes = HTTPField.Name("x-storage-used-bytes")!
    static let storageLimitBytes = HTTPField.Name("x-storage-limit-bytes")!
}
