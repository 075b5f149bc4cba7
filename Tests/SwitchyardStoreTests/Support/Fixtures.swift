import SwitchyardCore

/// Records with every field set to something a lazy mapping would lose: nested metadata,
/// quotes and commas in lists, all limits.
enum Fixtures {
    static let metadata: [String: JSONValue] = [
        "owner": .string("ops \"team\""),
        "cost_center": .number(4021),
        "ratio": .number(0.125),
        "flags": .array([.bool(true), .null, .string("a,b")]),
        "nested": .object(["deep": .object(["x": .string("ü 🚀")])]),
    ]

    static let fullLimits = BudgetLimits(
        maxBudget: 25.5,
        budgetDuration: BudgetDuration("30d"),
        budgetResetAt: 1_767_225_600,
        rpmLimit: 60,
        tpmLimit: 100_000,
        maxParallelRequests: 4
    )

    static func key(_ hash: String, spend: Double = 0, createdAt: Double = 1_760_000_000) -> VirtualKey {
        VirtualKey(
            tokenHash: hash,
            keyName: "sk-...\(hash.suffix(4))",
            keyAlias: "alias-\(hash)",
            models: ["gpt-4o", "claude \"sonnet\"", "a,b{c}"],
            limits: fullLimits,
            spend: spend,
            expiresAt: 1_800_000_000.5,
            teamID: "team-1",
            userID: "user-1",
            tags: ["prod", "with space", "quote\"and\\backslash", ""],
            metadata: metadata,
            blocked: false,
            maxStorageBytes: 5_000_000_000,
            createdAt: createdAt,
            updatedAt: createdAt + 1
        )
    }

    /// A key with nothing optional set.
    static func bareKey(_ hash: String, createdAt: Double = 1_760_000_000) -> VirtualKey {
        VirtualKey(tokenHash: hash, keyName: "sk-...\(hash.suffix(4))", createdAt: createdAt)
    }

    static func team(_ id: String, resetAt: Double? = nil) -> Team {
        var limits = fullLimits
        limits.budgetResetAt = resetAt
        return Team(
            teamID: id, teamAlias: "Team \(id)", models: ["gpt-4o"], limits: limits, spend: 0,
            metadata: metadata, blocked: false, maxStorageBytes: 3_000_000_000, createdAt: 1_760_000_000
        )
    }

    static func user(_ id: String, resetAt: Double? = nil) -> GatewayUser {
        var limits = fullLimits
        limits.budgetResetAt = resetAt
        return GatewayUser(
            userID: id, userEmail: "\(id)@example.com", userRole: "internal_user", teamID: "team-1",
            models: ["claude"], limits: limits, spend: 0, metadata: metadata, createdAt: 1_760_000_000
        )
    }

    static func log(
        _ id: String,
        at start: Double,
        key: String? = nil,
        user: String? = nil,
        team: String? = nil,
        model: String = "gpt-4o",
        spend: Double = 0.5,
        listCost: Double? = nil,
        multiplier: Double = 1,
        prompt: Int = 10,
        completion: Int = 5,
        tags: [String] = []
    ) -> SpendLogEntry {
        SpendLogEntry(
            requestID: id, callType: "chat/completions", keyHash: key, keyAlias: key.map { "alias-\($0)" },
            teamID: team, userID: user, modelGroup: model, model: "\(model)-deployment", provider: "openai",
            spend: spend, listCost: listCost, billingMultiplier: multiplier, promptTokens: prompt, completionTokens: completion,
            startTime: start, endTime: start + 0.75, status: 200, tags: tags
        )
    }

    /// A file of the Files API; `owner` is its key's hash.
    static func file(
        _ id: String, owner: String = "key-a", team: String? = nil, purpose: String = "user_data", bytes: Int64 = 100,
        at time: Double = 1_760_000_000, expiresAt: Double? = nil, status: StoredFile.Status = .processed
    ) -> StoredFile {
        StoredFile(
            id: id, ownerKeyHash: owner, teamID: team, filename: "name \"\(id)\" ü.jsonl", purpose: purpose, bytes: bytes, createdAt: time,
            expiresAt: expiresAt, status: status
        )
    }

    /// A turn of a Responses API conversation, its JSON naming its id so a mix-up shows.
    static func response(_ id: String, after previous: String? = nil, at time: Double = 1_760_000_000) -> StoredResponse {
        StoredResponse(
            id: id, ownerKeyHash: "key-hash", teamID: "team-1", previousResponseID: previous, model: "gpt-4o", createdAt: time,
            inputItems: #"[{"id":"msg_\#(id)","type":"message","role":"user","content":"turn \#(id)"}]"#,
            response: #"{"id":"\#(id)","object":"response","output":[{"id":"out_\#(id)","type":"message"}]}"#
        )
    }
}
