import Foundation
import SwitchyardCore

/// The JSON the admin API answers with, in LiteLLM's field names. Each view is a table of
/// members that both renders answers and describes them in `/openapi.json`.
enum AdminViews {
    static func key(_ key: VirtualKey) -> [String: JSONValue] { AdminViewField.render(keyFields, key) }
    static func team(_ team: Team) -> [String: JSONValue] { AdminViewField.render(teamFields, team) }
    static func user(_ user: GatewayUser) -> [String: JSONValue] { AdminViewField.render(userFields, user) }
    static func spendLog(_ entry: SpendLogEntry) -> [String: JSONValue] { AdminViewField.render(spendLogFields, entry) }

    static var keyFields: [AdminViewField<VirtualKey>] {
        [
            .string("token", \.tokenHash, "The key's SHA-256 hash: how the admin API names it."),
            .string("key_name", \.keyName, "The key's ends (`sk-...a1b2`), to recognise it by."),
            .optionalString("key_alias", \.keyAlias, "A name to find the key by."),
            .number("spend", \.spend, "USD spent in the current budget period."),
            .strings("models", \.models, "Model groups the key may call; empty for all."),
            .optionalTime("expires", \.expiresAt, "When the key stops working."),
            .optionalString("team_id", \.teamID, "The team the key belongs to."),
            .optionalString("user_id", \.userID, "The user the key belongs to."),
            .strings("tags", \.tags, "Tags recorded with every request the key makes."),
            .object("metadata", \.metadata, "Anything the admin stored with the key."),
            .flag("blocked", \.blocked, "A blocked key is refused (401)."),
            .storageLimit(\.maxStorageBytes, "Bytes of files the key may keep; null for the default."),
            .time("created_at", \.createdAt, "When the key was made."),
            .time("updated_at", \.updatedAt, "When the key was last changed."),
        ] + limitFields.map { $0.lifted(\.limits) }
    }

    static var teamFields: [AdminViewField<Team>] {
        [
            .string("team_id", \.teamID, "The team's id."),
            .optionalString("team_alias", \.teamAlias, "A name for the team."),
            .strings("models", \.models, "Model groups the team's keys may call; empty for all."),
            .number("spend", \.spend, "USD spent in the current budget period."),
            .object("metadata", \.metadata, "Anything the admin stored with the team."),
            .flag("blocked", \.blocked, "A blocked team's keys are refused."),
            .storageLimit(\.maxStorageBytes, "Bytes of files the team's keys may keep together; null for none."),
            .time("created_at", \.createdAt, "When the team was made."),
        ] + limitFields.map { $0.lifted(\.limits) }
    }

    static var userFields: [AdminViewField<GatewayUser>] {
        [
            .string("user_id", \.userID, "The user's id."),
            .optionalString("user_email", \.userEmail, "The user's email address."),
            .optionalString("user_role", \.userRole, "`proxy_admin` may use the admin API with their own key."),
            .optionalString("team_id", \.teamID, "The user's team."),
            .strings("models", \.models, "Model groups the user's keys may call; empty for all."),
            .number("spend", \.spend, "USD spent in the current budget period."),
            .object("metadata", \.metadata, "Anything the admin stored with the user."),
            .time("created_at", \.createdAt, "When the user was made."),
        ] + limitFields.map { $0.lifted(\.limits) }
    }

    static var limitFields: [AdminViewField<BudgetLimits>] {
        [
            .optionalNumber("max_budget", \.maxBudget, "USD that may be spent per budget period."),
            AdminViewField(name: "budget_duration", schema: durationSchema.nullable.described("How often spend resets.")) {
                $0.budgetDuration.map { .string($0.description) } ?? .null
            },
            .optionalTime("budget_reset_at", \.budgetResetAt, "When spend next resets."),
            .optionalInteger("rpm_limit", \.rpmLimit, "Requests per minute."),
            .optionalInteger("tpm_limit", \.tpmLimit, "Tokens per minute."),
            .optionalInteger("max_parallel_requests", \.maxParallelRequests, "Requests in flight at once."),
        ]
    }

    static var spendLogFields: [AdminViewField<SpendLogEntry>] {
        [
            .string("request_id", \.requestID, "The request's `x-request-id`."),
            .string("call_type", \.callType, "The operation: `chat/completions`, `messages`, `generateContent`…"),
            .optionalString("api_key", \.keyHash, "The hash of the key that made the request."),
            .optionalString("key_alias", \.keyAlias, "That key's alias."),
            .optionalString("team_id", \.teamID, "The key's team."),
            .optionalString("user", \.userID, "The key's user."),
            .string("model_group", \.modelGroup, "The model group asked for."),
            .optionalString("model", \.model, "The deployment's model that answered."),
            .optionalString("custom_llm_provider", \.provider, "That deployment's provider."),
            .number("spend", \.spend, "USD charged: the list cost times the billing multiplier."),
            .number("list_cost", \.listCost, "USD at the model's list prices."),
            .number("billing_multiplier", \.billingMultiplier, "The model's `billing_multiplier`."),
            .flag("cost_known", \.costKnown, "Whether the model had prices."),
            .flag("cache_hit", \.cacheHit, "Whether the answer came from the cache."),
            .number("saved_cost", \.savedCost, "USD a cache hit saved."),
            AdminViewField(name: "units", schema: APISchema.anyObject.nullable.described("What a media or utility operation was metered in (images, seconds, characters…).")) {
                $0.units.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) } ?? .null
            },
            AdminViewField(name: "prompt_tokens", schema: .integer) { .number(Double($0.promptTokens)) },
            AdminViewField(name: "completion_tokens", schema: .integer) { .number(Double($0.completionTokens)) },
            AdminViewField(name: "total_tokens", schema: .integer) { .number(Double($0.totalTokens)) },
            .time("startTime", \.startTime, "When the request arrived."),
            .time("endTime", \.endTime, "When its answer ended."),
            AdminViewField(name: "status", schema: APISchema.string.adding("enum", ["success", "failure"])) {
                .string($0.status < 400 ? "success" : "failure")
            },
            AdminViewField(name: "status_code", schema: .integer.described("The HTTP status answered.")) { .number(Double($0.status)) },
            .strings("request_tags", \.tags, "Tags from the key, the request's `x-switchyard-tags` and its body's `tags`."),
        ]
    }
}
