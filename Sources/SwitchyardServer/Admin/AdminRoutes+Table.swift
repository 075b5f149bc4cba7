import Hummingbird
import SwitchyardCore

/// Every admin route, one row each: the router registers these rows under `/`, `/v1` and
/// `/api/v1`, and `/openapi.json` describes the same rows. A new admin route is a row here.
extension AdminRoutes {
    var routes: [DescribedRoute] {
        let keyReference = ("key", APISchema.string.described("The key: its secret, its hash (`token`) or `sk-…` name."))
        let amount = ("amount", APISchema.number.adding("exclusiveMinimum", 0).adding("maximum", .number(Self.maxTopUp)).described("USD to add."))
        let limitsNote = "Every field is optional; a field sent as null is cleared, one left out is kept."
        return [
            route(
                "POST", "key/generate", "Make a virtual key",
                about: "Answers the key's secret, once; the store keeps only its hash. \(limitsNote)",
                body: AdminFields.schema(Self.keySettings, extra: [("key", APISchema.string.adding("minLength", 8).described("The secret to use; generated when absent."))]),
                answer: .ref("KeyWithSecret")
            ) { try await generateKey($0, $1) },
            route(
                "GET", "key/info", "Read a key",
                about: "Any key may read itself; reading another key takes the master key or an admin's key.",
                access: .key, query: [.init(name: "key", schema: keyReference.1, about: "The key to read; the caller's own when absent.")],
                answer: .ref("KeyInfo"), errors: [404]
            ) { try await keyInfo($0, $1) },
            route(
                "POST", "key/update", "Change a key", about: limitsNote,
                body: AdminFields.schema(Self.keySettings, extra: [keyReference], required: ["key"]), answer: .ref("Key"), errors: [404]
            ) { try await updateKey($0, $1) },
            route(
                "POST", "key/delete", "Delete keys",
                body: .object([
                    ("keys", APISchema.strings.described("Keys by secret or hash.")),
                    keyReference,
                    ("key_aliases", APISchema.strings.described("Keys by alias.")),
                ]),
                answer: .ref("DeletedKeys"), errors: [404]
            ) { try await deleteKeys($0, $1) },
            route(
                "GET", "key/list", "List keys",
                query: [
                    .init(name: "user_id", schema: .string, about: "Only this user's keys."),
                    .init(name: "team_id", schema: .string, about: "Only this team's keys."),
                    .init(name: "key_alias", schema: .string, about: "Only keys with this alias."),
                    .init(name: "return_full_object", schema: .boolean, about: "Answer whole keys rather than their hashes."),
                ] + Self.pageParameters(sizeName: "size") + [.init(name: "page_size", schema: Self.pageSize, about: "Another name for `size`.")],
                answer: .ref("KeyList")
            ) { try await listKeys($0, $1) },
            route(
                "POST", "key/regenerate", "Replace a key's secret",
                about: "The key keeps its spend and settings under a new secret; the old secret stops working at once.",
                body: AdminFields.schema(Self.keySettings, extra: [keyReference, ("new_key", APISchema.string.described("The new secret; generated when absent."))], required: ["key"]),
                answer: .ref("KeyWithSecret"), errors: [404]
            ) { try await regenerateKey($0, $1, pathKey: nil) },
            route(
                "POST", "key/{key}/regenerate", "Replace a key's secret (key in the path)",
                body: AdminFields.schema(Self.keySettings, extra: [("new_key", APISchema.string.described("The new secret; generated when absent."))]),
                answer: .ref("KeyWithSecret"), errors: [404]
            ) { request, context in try await regenerateKey(request, context, pathKey: context.parameters.get("key")) },
            route("POST", "key/block", "Block a key", body: .object([keyReference], required: ["key"]), answer: .ref("Key"), errors: [404]) {
                try await setBlocked(true, $0, $1)
            },
            route("POST", "key/unblock", "Unblock a key", body: .object([keyReference], required: ["key"]), answer: .ref("Key"), errors: [404]) {
                try await setBlocked(false, $0, $1)
            },
            route(
                "POST", "key/topup", "Add to a key's prepaid balance",
                about: "Adds `amount` USD to the key's `max_budget` (none counting as 0), atomically in the store.",
                body: .object([keyReference, amount], required: ["key", "amount"]), answer: .ref("KeyTopUp"), errors: [404]
            ) { try await topUpKey($0, $1) },
            route(
                "POST", "team/topup", "Add to a team's prepaid balance",
                body: .object([("team_id", .string), amount], required: ["team_id", "amount"]), answer: .ref("TeamTopUp"), errors: [404]
            ) { try await topUpTeam($0, $1) },
            route(
                "POST", "team/new", "Make a team", about: limitsNote,
                body: AdminFields.schema(Self.teamSettings, extra: [("team_id", APISchema.string.described("The team's id; a UUID when absent."))]),
                answer: .ref("Team")
            ) { try await newTeam($0, $1) },
            route(
                "POST", "team/update", "Change a team", about: limitsNote,
                body: AdminFields.schema(Self.teamSettings, extra: [("team_id", .string)], required: ["team_id"]), answer: .ref("Team"), errors: [404]
            ) { try await updateTeam($0, $1) },
            route(
                "POST", "team/delete", "Delete teams and their keys",
                body: .object([("team_ids", APISchema.strings.adding("minItems", 1))], required: ["team_ids"]), answer: .ref("DeletedTeams"), errors: [404]
            ) { try await deleteTeams($0, $1) },
            route(
                "GET", "team/info", "Read a team", query: [.init(name: "team_id", schema: .string, required: true, about: "The team.")],
                answer: .ref("TeamInfo"), errors: [404]
            ) { try await teamInfo($0, $1) },
            route("GET", "team/list", "List teams", answer: .array(.ref("Team"))) { try await listTeams($0, $1) },
            route(
                "POST", "user/new", "Make a user",
                about: "Also issues the user a key, answered as `key`, unless `auto_create_key` is false. \(limitsNote)",
                body: AdminFields.schema(Self.userSettings, extra: [
                    ("user_id", APISchema.string.described("The user's id; a UUID when absent.")),
                    ("auto_create_key", APISchema.boolean.nullable.described("Issue the user a key (default true).")),
                    ("key_alias", APISchema.string.nullable.described("The alias of that key.")),
                ]),
                answer: .ref("UserWithKey")
            ) { try await newUser($0, $1) },
            route(
                "POST", "user/update", "Change a user", about: limitsNote,
                body: AdminFields.schema(Self.userSettings, extra: [("user_id", .string)], required: ["user_id"]), answer: .ref("User"), errors: [404]
            ) { try await updateUser($0, $1) },
            route(
                "POST", "user/delete", "Delete users and their keys",
                body: .object([("user_ids", APISchema.strings.adding("minItems", 1))], required: ["user_ids"]), answer: .ref("DeletedUsers"), errors: [404]
            ) { try await deleteUsers($0, $1) },
            route(
                "GET", "user/info", "Read a user and their keys", query: [.init(name: "user_id", schema: .string, required: true, about: "The user.")],
                answer: .ref("UserInfo"), errors: [404]
            ) { try await userInfo($0, $1) },
            route(
                "GET", "user/list", "List users", query: Self.pageParameters(sizeName: "page_size"),
                answer: .object([("users", .array(.ref("User"))), ("total", .integer), ("page", .integer), ("page_size", .integer), ("total_pages", .integer)])
            ) { try await listUsers($0, $1) },
            route(
                "GET", "spend/logs", "The request log, newest first",
                query: [
                    .init(name: "api_key", schema: .string, about: "Only this key's requests (secret or hash)."),
                    .init(name: "key", schema: .string, about: "Another name for `api_key`."),
                    .init(name: "user_id", schema: .string, about: "Only this user's requests."),
                    .init(name: "team_id", schema: .string, about: "Only this team's requests."),
                    .init(name: "model", schema: .string, about: "Only this model group."),
                    .init(name: "tag", schema: .string, about: "Only requests with this tag."),
                    .init(name: "request_id", schema: .string, about: "Only this request."),
                    .init(name: "status", schema: .string, about: "success (below 400), failure (400 and up), a class (4xx, 5xx) or one code (429)."),
                    .init(name: "start_date", schema: Self.time, about: "From this date (2026-11-24) or time (ISO 8601), UTC."),
                    .init(name: "end_date", schema: Self.time, about: "To this time, or to the end of this date."),
                ] + Self.pageParameters(sizeName: "page_size"),
                answer: .ref("SpendLogPage")
            ) { try await spendLogs($0, $1) },
            route(
                "GET", "global/spend/report", "Spend per day and model group",
                query: [
                    .init(name: "start_date", schema: Self.time, about: "From this date or time (default: 30 days ago)."),
                    .init(name: "end_date", schema: Self.time, about: "To this time, or to the end of this date (default: now)."),
                ],
                answer: .ref("SpendReport")
            ) { try await spendReport($0, $1) },
        ]
    }

    /// One admin row: admins only, answered in OpenAI's error envelope.
    /// One admin route's row; its tag comes from the path's first word.
    func route(
        _ method: String, _ path: String, _ summary: String, about: String? = nil, access: APIOperation.Access = .admin,
        query: [APIOperation.Parameter] = [], body: APISchema? = nil, answer: APISchema, errors: [Int] = [],
        _ handle: @escaping @Sendable (Request, GatewayRequestContext) async throws -> Response
    ) -> DescribedRoute {
        let tag = switch path.prefix(while: { $0 != "/" }) {
        case "key": "Keys"
        case "team": "Teams"
        case "user": "Users"
        case "model": "Models"
        default: "Spend"
        }
        return DescribedRoute(
            operation: APIOperation(
                method: method, path: path, summary: summary, about: about, tag: tag, access: access,
                query: query, body: body.map(APIOperation.Content.json), answer: .json(answer), errors: [400, 503] + errors
            ),
            handle: handle
        )
    }

    /// A date (`2026-11-24`), an ISO 8601 time or Unix seconds.
    private static let time = APISchema.string.described("`2026-11-24`, `2026-11-24T20:00:00Z` or Unix seconds.")
    private static let pageSize = APISchema.integer.adding("minimum", 1).adding("maximum", 1000)

    private static func pageParameters(sizeName: String) -> [APIOperation.Parameter] {
        [
            .init(name: "page", schema: APISchema.integer.adding("minimum", 1).adding("maximum", .number(Double(maxPage))), about: "From 1."),
            .init(name: sizeName, schema: pageSize, about: "Rows per page, up to 1000 (default 100)."),
        ]
    }
}
