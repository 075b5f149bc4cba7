import Foundation
import Hummingbird
import NIOCore
import SwitchyardCore

/// LiteLLM's admin API: virtual keys, teams, users and spend reports, listed in
/// `AdminRoutes+Table.swift`. Keys, teams and users are written to the store first, then to
/// the in-memory ledger, so they work at once here and on other replicas after their next sync.
struct AdminRoutes: Sendable {
    let gateway: Gateway

    var governance: Governance { gateway.governance }

    /// Refuses callers that are not the master key or a `proxy_admin` user's key.
    func requireAdmin(_ context: GatewayRequestContext) throws {
        try Self.requireAdmin(context)
    }

    static func requireAdmin(_ context: GatewayRequestContext) throws {
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

    /// The last page a list answers: far past any real list, and far enough from `Int.max`
    /// that `(page - 1) * size` stays in range.
    static let maxPage = 1_000_000_000

    /// Page and size from the query (`page` from 1, `size` up to 1000).
    static func page(_ request: Request) -> (page: Int, size: Int) {
        let page = min(maxPage, max(1, request.uri.queryParameters.get("page").flatMap(Int.init) ?? 1))
        let size = min(1000, max(1, request.uri.queryParameters.get("size").flatMap(Int.init) ?? request.uri.queryParameters.get("page_size").flatMap(Int.init) ?? 100))
        return (page, size)
    }
}
