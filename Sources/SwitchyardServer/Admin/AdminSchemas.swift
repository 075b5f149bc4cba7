import SwitchyardCore

/// The admin API's answers as `/openapi.json` names them (`#/components/schemas/Key`…),
/// built from the same view tables that render them.
enum AdminSchemas {
    static var components: [String: APISchema] {
        let key = AdminViewField.schema(AdminViews.keyFields)
        let team = AdminViewField.schema(AdminViews.teamFields)
        let user = AdminViewField.schema(AdminViews.userFields)
        let secret = ("key", APISchema.string.described("The key's secret. Shown once: only its hash is stored."))
        let count = APISchema.integer.adding("minimum", 0)
        let usd = APISchema.number
        return [
            "Key": key,
            "KeyWithSecret": APISchema(["allOf": [APISchema.ref("Key").json, APISchema.object([secret], required: ["key"]).json]]),
            "KeyInfo": .object([("key", APISchema.string.described("The key's hash.")), ("info", .ref("Key"))], required: ["key", "info"]),
            "KeyList": .object(
                [
                    ("keys", .array(.oneOf([APISchema.string.described("A key's hash."), .ref("Key")]))),
                    ("total_count", count), ("current_page", count), ("total_pages", count),
                ],
                required: ["keys", "total_count", "current_page", "total_pages"]
            ),
            "DeletedKeys": .object([("deleted_keys", .strings)], required: ["deleted_keys"]),
            "DeletedTeams": .object([("deleted_teams", .strings), ("deleted_keys", .strings)], required: ["deleted_teams", "deleted_keys"]),
            "DeletedUsers": .object([("deleted_users", .strings), ("deleted_keys", .strings)], required: ["deleted_users", "deleted_keys"]),
            "KeyTopUp": .object(
                [("token", .string), ("amount", usd), ("max_budget", usd), ("spend", usd)], required: ["token", "amount", "max_budget", "spend"]
            ),
            "TeamTopUp": .object(
                [("team_id", .string), ("amount", usd), ("max_budget", usd), ("spend", usd)], required: ["team_id", "amount", "max_budget", "spend"]
            ),
            "Team": team,
            "TeamInfo": .object([("team_id", .string), ("team_info", .ref("Team"))], required: ["team_id", "team_info"]),
            "User": user,
            "UserWithKey": APISchema(["allOf": [APISchema.ref("User").json, APISchema.object([secret]).json]]),
            "UserInfo": .object([("user_id", .string), ("user_info", .ref("User")), ("keys", .array(.ref("Key")))], required: ["user_id", "user_info", "keys"]),
            "SpendLog": AdminViewField.schema(AdminViews.spendLogFields),
            "SpendLogPage": .object(
                [("data", .array(.ref("SpendLog"))), ("total", count), ("page", count), ("page_size", count), ("total_pages", count)],
                required: ["data", "total", "page", "page_size", "total_pages"]
            ),
            "SpendReport": .array(.object(
                [
                    ("group_by_day", APISchema.string.adding("format", "date")), ("total_spend", usd), ("total_list_cost", usd),
                    ("teams", .array(.object(
                        [
                            ("model_group", .string), ("total_spend", usd), ("total_list_cost", usd),
                            ("requests", count), ("prompt_tokens", count), ("completion_tokens", count),
                        ],
                        required: ["model_group", "total_spend", "total_list_cost", "requests", "prompt_tokens", "completion_tokens"]
                    ).described("Spend per model group that day (LiteLLM's name for the list)."))),
                ],
                required: ["group_by_day", "total_spend", "total_list_cost", "teams"]
            )),
        ]
    }
}
