import Foundation
import SwitchyardCore

/// The JSON the admin API answers with, in LiteLLM's field names.
enum AdminViews {
    static func key(_ key: VirtualKey) -> [String: JSONValue] {
        var view: [String: JSONValue] = [
            "token": .string(key.tokenHash),
            "key_name": .string(key.keyName),
            "key_alias": optional(key.keyAlias),
            "spend": .number(key.spend),
            "models": .array(key.models.map(JSONValue.string)),
            "expires": optional(key.expiresAt.map(ISOTime.format)),
            "team_id": optional(key.teamID),
            "user_id": optional(key.userID),
            "tags": .array(key.tags.map(JSONValue.string)),
            "metadata": .object(key.metadata),
            "blocked": .bool(key.blocked),
            "max_storage_bytes": optional(key.maxStorageBytes.map(Double.init)),
            "created_at": .string(ISOTime.format(key.createdAt)),
            "updated_at": .string(ISOTime.format(key.updatedAt)),
        ]
        view.merge(limits(key.limits)) { $1 }
        return view
    }

    static func team(_ team: Team) -> [String: JSONValue] {
        var view: [String: JSONValue] = [
            "team_id": .string(team.teamID),
            "team_alias": optional(team.teamAlias),
            "models": .array(team.models.map(JSONValue.string)),
            "spend": .number(team.spend),
            "metadata": .object(team.metadata),
            "blocked": .bool(team.blocked),
            "max_storage_bytes": optional(team.maxStorageBytes.map(Double.init)),
            "created_at": .string(ISOTime.format(team.createdAt)),
        ]
        view.merge(limits(team.limits)) { $1 }
        return view
    }

    static func user(_ user: GatewayUser) -> [String: JSONValue] {
        var view: [String: JSONValue] = [
            "user_id": .string(user.userID),
            "user_email": optional(user.userEmail),
            "user_role": optional(user.userRole),
            "team_id": optional(user.teamID),
            "models": .array(user.models.map(JSONValue.string)),
            "spend": .number(user.spend),
            "metadata": .object(user.metadata),
            "created_at": .string(ISOTime.format(user.createdAt)),
        ]
        view.merge(limits(user.limits)) { $1 }
        return view
    }

    static func limits(_ limits: BudgetLimits) -> [String: JSONValue] {
        [
            "max_budget": optional(limits.maxBudget),
            "budget_duration": optional(limits.budgetDuration?.description),
            "budget_reset_at": optional(limits.budgetResetAt.map(ISOTime.format)),
            "rpm_limit": optional(limits.rpmLimit.map(Double.init)),
            "tpm_limit": optional(limits.tpmLimit.map(Double.init)),
            "max_parallel_requests": optional(limits.maxParallelRequests.map(Double.init)),
        ]
    }

    static func spendLog(_ entry: SpendLogEntry) -> [String: JSONValue] {
        [
            "request_id": .string(entry.requestID),
            "call_type": .string(entry.callType),
            "api_key": optional(entry.keyHash),
            "key_alias": optional(entry.keyAlias),
            "team_id": optional(entry.teamID),
            "user": optional(entry.userID),
            "model_group": .string(entry.modelGroup),
            "model": optional(entry.model),
            "custom_llm_provider": optional(entry.provider),
            "spend": .number(entry.spend),
            "list_cost": .number(entry.listCost),
            "billing_multiplier": .number(entry.billingMultiplier),
            "cost_known": .bool(entry.costKnown),
            "cache_hit": .bool(entry.cacheHit),
            "saved_cost": .number(entry.savedCost),
            "units": entry.units.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) } ?? .null,
            "prompt_tokens": .number(Double(entry.promptTokens)),
            "completion_tokens": .number(Double(entry.completionTokens)),
            "total_tokens": .number(Double(entry.totalTokens)),
            "startTime": .string(ISOTime.format(entry.startTime)),
            "endTime": .string(ISOTime.format(entry.endTime)),
            "status": .string(entry.status < 400 ? "success" : "failure"),
            "status_code": .number(Double(entry.status)),
            "request_tags": .array(entry.tags.map(JSONValue.string)),
        ]
    }

    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func optional(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
}
