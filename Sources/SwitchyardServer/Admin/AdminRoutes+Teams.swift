import Foundation
import Hummingbird
import SwitchyardCore

extension AdminRoutes {
    func newTeam(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let fields = try await fields(request)
        let now = governance.clock.wallTime()
        var team = Team(teamID: try fields.string("team_id") ?? UUID().uuidString.lowercased(), createdAt: now)
        try apply(fields, to: &team, now: now)
        let created = team
        try await storing {
            if try await governance.store.allTeams().contains(where: { $0.teamID == created.teamID }) {
                throw GatewayError(.invalidRequest, "A team with this team_id already exists.", param: "team_id", code: "team_exists")
            }
            try await governance.store.insertTeam(created)
        }
        governance.ledger.upsert(team)
        return try Self.json(AdminViews.team(team))
    }

    func updateTeam(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let fields = try await fields(request)
        var team = try await existingTeam(try fields.string("team_id"))
        try apply(fields, to: &team, now: governance.clock.wallTime())
        let updated = team
        try await storing { try await governance.store.updateTeam(updated) }
        governance.ledger.upsert(team)
        return try Self.json(AdminViews.team(team))
    }

    func teamInfo(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let team = try await existingTeam(request.uri.queryParameters.get("team_id"))
        return try Self.json(["team_id": .string(team.teamID), "team_info": .object(AdminViews.team(team))])
    }

    func listTeams(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let teams = try await storing { try await governance.store.allTeams() }
        let views = teams.map { team in JSONValue.object(AdminViews.team(governance.ledger.team(id: team.teamID) ?? team)) }
        let data = try JSONEncoder().encode(JSONValue.array(views))
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: .init(bytes: data)))
    }

    func newUser(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let fields = try await fields(request)
        let now = governance.clock.wallTime()
        var user = GatewayUser(userID: try fields.string("user_id") ?? UUID().uuidString.lowercased(), createdAt: now)
        try apply(fields, to: &user, now: now)
        let created = user
        // LiteLLM's /user/new also issues the user a key, unless asked not to.
        let makeKey = try fields.bool("auto_create_key") ?? true
        let secret = KeySecret.generate()
        var key = VirtualKey(tokenHash: KeySecret.hash(secret), keyName: KeySecret.displayName(secret), createdAt: now)
        key.userID = user.userID
        key.teamID = user.teamID
        key.keyAlias = try fields.string("key_alias")
        let issued = key
        try await storing {
            if try await governance.store.allUsers().contains(where: { $0.userID == created.userID }) {
                throw GatewayError(.invalidRequest, "A user with this user_id already exists.", param: "user_id", code: "user_exists")
            }
            try await governance.store.insertUser(created)
            if makeKey { try await governance.store.insertKey(issued) }
        }
        governance.ledger.upsert(user)
        var view = AdminViews.user(user)
        if makeKey {
            governance.remember(key)
            view["key"] = .string(secret)
        }
        return try Self.json(view)
    }

    /// `/team/delete`: `{"team_ids": [...]}`; the teams' keys are deleted with them.
    func deleteTeams(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try await deleteOwners(request, context, kind: "team", entity: GovernedEntity.team) { store, ids in try await store.deleteTeams(ids: ids) }
    }

    /// `/user/delete`: `{"user_ids": [...]}`; the users' keys are deleted with them.
    func deleteUsers(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try await deleteOwners(request, context, kind: "user", entity: GovernedEntity.user) { store, ids in try await store.deleteUsers(ids: ids) }
    }

    /// Deletes the teams or users `<kind>_ids` names, and their keys, from the store and here.
    private func deleteOwners(
        _ request: Request, _ context: GatewayRequestContext, kind: String, entity: (String) -> GovernedEntity,
        delete: @escaping @Sendable (any GovernanceStore, [String]) async throws -> DeletedOwners
    ) async throws -> Response {
        try requireAdmin(context)
        let field = "\(kind)_ids"
        guard let ids = try await fields(request).strings(field), !ids.isEmpty else {
            throw GatewayError(.invalidRequest, "Pass the ids to delete as \"\(field)\": [...].", param: field, code: "invalid_request")
        }
        let deleted = try await storing { try await delete(governance.store, ids) }
        governance.ledger.remove(deleted.keyHashes.map(GovernedEntity.key) + deleted.ids.map(entity))
        guard !deleted.ids.isEmpty else {
            throw GatewayError(.notFound, "None of these \(kind)s exist.", param: field, code: "\(kind)_not_found")
        }
        return try Self.json(["deleted_\(kind)s": .array(deleted.ids.map(JSONValue.string)), "deleted_keys": .array(deleted.keyHashes.map(JSONValue.string))])
    }

    func updateUser(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let fields = try await fields(request)
        var user = try await existingUser(try fields.string("user_id"))
        try apply(fields, to: &user, now: governance.clock.wallTime())
        let updated = user
        try await storing { try await governance.store.updateUser(updated) }
        governance.ledger.upsert(user)
        return try Self.json(AdminViews.user(user))
    }

    func userInfo(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let user = try await existingUser(request.uri.queryParameters.get("user_id"))
        let keys = try await storing { try await governance.store.allKeys() }.filter { $0.userID == user.userID }
        return try Self.json([
            "user_id": .string(user.userID),
            "user_info": .object(AdminViews.user(user)),
            "keys": .array(keys.map { .object(AdminViews.key(ledgerView($0))) }),
        ])
    }

    private func existingTeam(_ id: String?) async throws -> Team {
        guard let id else { throw GatewayError(.invalidRequest, "Pass team_id.", param: "team_id", code: "invalid_request") }
        let stored = try await storing { try await governance.store.allTeams().first { $0.teamID == id } }
        guard let stored else { throw GatewayError(.notFound, "No such team.", param: "team_id", code: "team_not_found") }
        return governance.ledger.team(id: id).map { live in
            var team = stored
            team.spend = live.spend
            return team
        } ?? stored
    }

    private func existingUser(_ id: String?) async throws -> GatewayUser {
        guard let id else { throw GatewayError(.invalidRequest, "Pass user_id.", param: "user_id", code: "invalid_request") }
        let stored = try await storing { try await governance.store.allUsers().first { $0.userID == id } }
        guard let stored else { throw GatewayError(.notFound, "No such user.", param: "user_id", code: "user_not_found") }
        return governance.ledger.user(id: id).map { live in
            var user = stored
            user.spend = live.spend
            return user
        } ?? stored
    }

    private func apply(_ fields: AdminFields, to team: inout Team, now: Double) throws {
        try fields.apply(Self.teamSettings, to: &team, now: now)
    }

    private func apply(_ fields: AdminFields, to user: inout GatewayUser, now: Double) throws {
        try fields.apply(Self.userSettings, to: &user, now: now)
    }

    static var teamSettings: [AdminSetting<Team>] {
        [
            .string("team_alias", \.teamAlias, "A name for the team."),
            .strings("models", \.models, "Model groups the team's keys may call; empty or null for all."),
            .object("metadata", \.metadata, "Anything to store with the team."),
            .flag("blocked", \.blocked, "A blocked team's keys are refused."),
            .storageLimit(\.maxStorageBytes, "Bytes of files all the team's keys may keep together; null for no team limit."),
        ] + AdminSetting<BudgetLimits>.limits.map { $0.lifted(\.limits) }
    }

    static var userSettings: [AdminSetting<GatewayUser>] {
        [
            .string("user_email", \.userEmail, "The user's email address."),
            .string("user_role", \.userRole, "`proxy_admin` lets the user's keys use the admin API."),
            .string("team_id", \.teamID, "The user's team."),
            .strings("models", \.models, "Model groups the user's keys may call; empty or null for all."),
            .object("metadata", \.metadata, "Anything to store with the user."),
        ] + AdminSetting<BudgetLimits>.limits.map { $0.lifted(\.limits) }
    }
}
