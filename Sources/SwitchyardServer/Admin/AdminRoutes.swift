import Foundation
import Hummingbird
import NIOCore
import SwitchyardCore

/// LiteLLM's admin API: virtual keys, teams, users and spend reports. Keys, teams and users
/// are written to the store first, then to the in-memory ledger, so they work at once here
/// and on other replicas after their next sync.
struct AdminRoutes: Sendable {
    let gateway: Gateway

    var governance: Governance { gateway.governance }

    func register(on group: RouterGroup<GatewayRequestContext>) {
        group.post("key/generate") { request, context in try await generateKey(request, context) }
        group.get("key/info") { request, context in try await keyInfo(request, context) }
        group.post("key/update") { request, context in try await updateKey(request, context) }
        group.post("key/delete") { request, context in try await deleteKeys(request, context) }
        group.get("key/list") { request, context in try await listKeys(request, context) }
        group.post("key/regenerate") { request, context in try await regenerateKey(request, context, pathKey: nil) }
        group.post("key/:key/regenerate") { request, context in
            try await regenerateKey(request, context, pathKey: context.parameters.get("key"))
        }
        group.post("key/block") { request, context in try await setBlocked(true, request, context) }
        group.post("key/unblock") { request, context in try await setBlocked(false, request, context) }
        group.post("key/topup") { request, context in try await topUpKey(request, context) }
        group.post("team/topup") { request, context in try await topUpTeam(request, context) }
        group.post("team/new") { request, context in try await newTeam(request, context) }
        group.post("team/update") { request, context in try await updateTeam(request, context) }
        group.get("team/info") { request, context in try await teamInfo(request, context) }
        group.get("team/list") { request, context in try await listTeams(request, context) }
        group.post("user/new") { request, context in try await newUser(request, context) }
        group.post("user/update") { request, context in try await updateUser(request, context) }
        group.get("user/info") { request, context in try await userInfo(request, context) }
        group.get("spend/logs") { request, context in try await spendLogs(request, context) }
        group.get("global/spend/report") { request, context in try await spendReport(request, context) }
    }

    /// Refuses callers that are not the master key or a `proxy_admin` user's key.
    func requireAdmin(_ context: GatewayRequestContext) throws {
        guard context.identity.mayAdminister else {
            throw GatewayError(.forbidden, "Only the master key or an admin's key may use this route.", code: "admin_only")
        }
    }

    func fields(_ request: Request) async throws -> AdminFields {
        try AdminFields(try await request.body.collect(upTo: 1 << 20))
    }

    /// Writes to the store, reporting a failure as the store being unavailable (never a 500).
    func storing<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            try await governance.ready.value
            return try await body()
        } catch let error as GatewayError {
            throw error
        } catch {
            throw GatewayError(.upstreamUnavailable, "The store is unavailable: \(error)", code: "store_unavailable")
        }
    }

    static func json(_ object: [String: JSONValue], status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(JSONValue.object(object))
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Page and size from the query (`page` from 1, `size` up to 1000).
    static func page(_ request: Request) -> (page: Int, size: Int) {
        let page = max(1, request.uri.queryParameters.get("page").flatMap(Int.init) ?? 1)
        let size = min(1000, max(1, request.uri.queryParameters.get("size").flatMap(Int.init) ?? request.uri.queryParameters.get("page_size").flatMap(Int.init) ?? 100))
        return (page, size)
    }
}
