import Foundation
import Hummingbird
import SwitchyardCore

extension AdminRoutes {
    func generateKey(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let fields = try await fields(request)
        let now = governance.clock.wallTime()
        let secret = try fields.string("key") ?? KeySecret.generate()
        guard secret.count >= 8 else {
            throw GatewayError(.invalidRequest, "`key` must be at least 8 characters.", param: "key", code: "invalid_request")
        }
        var key = VirtualKey(tokenHash: KeySecret.hash(secret), keyName: KeySecret.displayName(secret), createdAt: now)
        try apply(fields, to: &key, now: now)
        let stored = key
        try await storing {
            if try await governance.store.key(hash: stored.tokenHash) != nil {
                throw GatewayError(.invalidRequest, "A key with this value already exists.", param: "key", code: "key_exists")
            }
            try await governance.store.insertKey(stored)
        }
        governance.remember(key)
        var view = AdminViews.key(key)
        view["key"] = .string(secret)
        return try Self.json(view)
    }

    func keyInfo(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let reference = request.uri.queryParameters.get("key")
        let hash: String
        if let reference {
            hash = KeySecret.tokenHash(forReference: reference)
            // A key may read its own info; anything else is an admin's business.
            if hash != context.identity.keyHash { try requireAdmin(context) }
        } else if let own = context.identity.keyHash {
            hash = own
        } else {
            throw GatewayError(.invalidRequest, "Pass the key as ?key=.", param: "key", code: "invalid_request")
        }
        let key = try await existingKey(hash)
        return try Self.json(["key": .string(hash), "info": .object(AdminViews.key(key))])
    }

    func updateKey(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let fields = try await fields(request)
        var key = try await existingKey(try requiredKeyReference(fields))
        try apply(fields, to: &key, now: governance.clock.wallTime())
        key.updatedAt = governance.clock.wallTime()
        let updated = key
        try await storing { try await governance.store.updateKey(updated) }
        governance.remember(key)
        return try Self.json(AdminViews.key(key))
    }

    func deleteKeys(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let fields = try await fields(request)
        var references = try fields.strings("keys") ?? []
        if let one = try fields.string("key") { references.append(one) }
        if let aliases = try fields.strings("key_aliases") {
            let wanted = Set(aliases)
            let all = try await storing { try await governance.store.allKeys() }
            references += all.filter { $0.keyAlias.map(wanted.contains) ?? false }.map(\.tokenHash)
        }
        guard !references.isEmpty else {
            throw GatewayError(.invalidRequest, "Pass the keys to delete as \"keys\": [...].", param: "keys", code: "invalid_request")
        }
        let hashes = references.map(KeySecret.tokenHash(forReference:))
        let deleted = try await storing { try await governance.store.deleteKeys(hashes: hashes) }
        governance.ledger.removeKeys(deleted)
        guard !deleted.isEmpty else {
            throw GatewayError(.notFound, "None of these keys exist.", param: "keys", code: "key_not_found")
        }
        return try Self.json(["deleted_keys": .array(deleted.map(JSONValue.string))])
    }

    func listKeys(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let query = request.uri.queryParameters
        var keys = try await storing { try await governance.store.allKeys() }
        if let user = query.get("user_id") { keys = keys.filter { $0.userID == user } }
        if let team = query.get("team_id") { keys = keys.filter { $0.teamID == team } }
        if let alias = query.get("key_alias") { keys = keys.filter { $0.keyAlias == alias } }
        let (page, size) = Self.page(request)
        let total = keys.count
        let slice = keys.dropFirst((page - 1) * size).prefix(size)
        let returnFull = query.get("return_full_object") == "true"
        let items: [JSONValue] = slice.map { key in
            returnFull ? .object(AdminViews.key(ledgerView(key))) : .string(key.tokenHash)
        }
        return try Self.json([
            "keys": .array(items),
            "total_count": .number(Double(total)),
            "current_page": .number(Double(page)),
            "total_pages": .number(Double((total + size - 1) / size)),
        ])
    }

    func regenerateKey(_ request: Request, _ context: GatewayRequestContext, pathKey: String?) async throws -> Response {
        try requireAdmin(context)
        let fields = try await fields(request)
        let reference = try pathKey ?? requiredKeyReference(fields)
        let old = try await existingKey(KeySecret.tokenHash(forReference: reference))
        let secret = try fields.string("new_key") ?? KeySecret.generate()
        let now = governance.clock.wallTime()
        var key = old
        key.tokenHash = KeySecret.hash(secret)
        key.keyName = KeySecret.displayName(secret)
        try apply(fields, to: &key, now: now)
        key.updatedAt = now
        let replacement = key
        try await storing { try await governance.store.replaceKey(oldHash: old.tokenHash, with: replacement) }
        governance.ledger.removeKeys([old.tokenHash])
        governance.remember(key)
        var view = AdminViews.key(key)
        view["key"] = .string(secret)
        return try Self.json(view)
    }

    func setBlocked(_ blocked: Bool, _ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let fields = try await fields(request)
        var key = try await existingKey(try requiredKeyReference(fields))
        key.blocked = blocked
        key.updatedAt = governance.clock.wallTime()
        let updated = key
        try await storing { try await governance.store.updateKey(updated) }
        governance.remember(key)
        return try Self.json(AdminViews.key(key))
    }

    /// The key named by `"key"` in an admin request body, as its stored hash.
    func requiredKeyReference(_ fields: AdminFields) throws -> String {
        guard let reference = try fields.string("key"), !reference.isEmpty else {
            throw GatewayError(.invalidRequest, "Pass the key as \"key\".", param: "key", code: "invalid_request")
        }
        return KeySecret.tokenHash(forReference: reference)
    }

    /// The key as the store holds it, with the spend counted here since the last sync.
    func existingKey(_ hash: String) async throws -> VirtualKey {
        let stored = try await storing { try await governance.store.key(hash: hash) }
        guard let stored else { throw GatewayError(.notFound, "No such key.", param: "key", code: "key_not_found") }
        return ledgerView(stored)
    }

    func ledgerView(_ key: VirtualKey) -> VirtualKey {
        governance.ledger.key(hash: key.tokenHash).map { live in
            var key = key
            key.spend = live.spend
            key.limits.budgetResetAt = live.limits.budgetResetAt
            return key
        } ?? key
    }

    /// The key fields of `/key/generate`, `/key/update` and `/key/regenerate`.
    func apply(_ fields: AdminFields, to key: inout VirtualKey, now: Double) throws {
        try fields.apply(Self.keySettings, to: &key, now: now)
    }

    static var keySettings: [AdminSetting<VirtualKey>] {
        [
            .string("key_alias", \.keyAlias, "A name to find the key by."),
            .strings("models", \.models, "Model groups the key may call; empty or null for all."),
            .string("team_id", \.teamID, "The team the key belongs to: its budget and limits apply too."),
            .string("user_id", \.userID, "The user the key belongs to: their budget and limits apply too."),
            .strings("tags", \.tags, "Tags recorded with every request the key makes."),
            .object("metadata", \.metadata, "Anything to store with the key."),
        ] + ["model_rpm_limit", "model_tpm_limit"].map(modelLimitSetting) + [
            .flag("blocked", \.blocked, "A blocked key is refused (401)."),
            .storageLimit(\.maxStorageBytes, "Bytes of files the key may keep; null for default_storage_limit_mb."),
            AdminSetting(name: "duration", schema: durationSchema.nullable.described("Lifetime from now (30s, 1h, 30d, 1mo); null never expires.")) { fields, key, now in
                key.expiresAt = try fields.duration("duration").map { Self.expiry(of: $0, from: now) }
            },
        ] + AdminSetting<BudgetLimits>.limits.map { $0.lifted(\.limits) }
    }

    /// LiteLLM's per-model limits travel as top-level fields and live in the metadata.
    private static func modelLimitSetting(_ name: String) -> AdminSetting<VirtualKey> {
        let schema = APISchema(["type": ["object", "null"], "additionalProperties": ["type": "integer", "minimum": 0]])
        return AdminSetting(name: name, schema: schema.described("Limits per model group: {\"gpt-4o\": 100}.")) { fields, key, _ in
            key.metadata[name] = try fields.dictionary(name).map(JSONValue.object)
        }
    }

    /// When a key made at `now` with `duration` (`30d`, `1h`) stops working: exactly that
    /// long after, not calendar-aligned like budgets.
    static func expiry(of duration: BudgetDuration, from now: Double) -> Double {
        now + duration.seconds
    }
}
