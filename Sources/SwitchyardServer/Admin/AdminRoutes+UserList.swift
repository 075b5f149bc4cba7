import Hummingbird
import SwitchyardCore

extension AdminRoutes {
    /// `/user/list`: every user, by id, in LiteLLM's page shape (`users`, `total`, `page`,
    /// `page_size`, `total_pages`), with spend as this replica's ledger has it.
    func listUsers(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let users = try await storing { try await governance.store.allUsers() }.sorted { $0.userID < $1.userID }
        let (page, size) = Self.page(request)
        let slice = users.dropFirst((page - 1) * size).prefix(size)
        return try Self.json([
            "users": .array(slice.map { user in .object(AdminViews.user(governance.ledger.user(id: user.userID) ?? user)) }),
            "total": .number(Double(users.count)),
            "page": .number(Double(page)),
            "page_size": .number(Double(size)),
            "total_pages": .number(Double((users.count + size - 1) / size)),
        ])
    }
}
