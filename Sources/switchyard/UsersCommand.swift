import ArgumentParser
import Foundation
import SwitchyardCore

/// `switchyard users create|list|delete`: manage users straight in the configured store, as
/// `keys` does. A running gateway picks the change up at its next sync.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Create, list and delete users in the configured store.",
        subcommands: [Create.self, List.self, Delete.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a user; prints its id. Give them a key with `keys create --user ID`.")

        @OptionGroup var store: StoreOptions
        @Option(help: "The user's id (default: a new UUID).") var id: String?
        @Option(help: "The user's email address.") var email: String?
        @Option(help: "The user's role; proxy_admin may use the admin API with their own keys.") var role: String?
        @Option(help: "The user's team.") var team: String?
        @Option(help: "Comma-separated model groups the user's keys may call (default: all).") var models: String?
        @OptionGroup var limits: LimitOptions

        func run() async throws {
            let now = Date().timeIntervalSince1970
            var user = GatewayUser(userID: id ?? UUID().uuidString.lowercased(), createdAt: now)
            user.userEmail = email
            user.userRole = role
            user.teamID = team
            user.models = LimitOptions.list(models)
            user.limits = try limits.limits(now: now)
            let created = user
            try await store.create("user", id: user.userID, existing: { try await $0.allUsers().map(\.userID) }, insert: { try await $0.insertUser(created) })
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")

        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON lines instead of a table.") var json = false

        func run() async throws {
            let users = try await store.withStore { store in try await store.allUsers() }
            try ListOutput.print(
                header: ["USER", "EMAIL", "ROLE", "TEAM", "SPEND", "BUDGET", "MODELS"],
                rows: users.map { user in
                    [
                        user.userID, user.userEmail ?? "-", user.userRole ?? "-", user.teamID ?? "-", ListOutput.money(user.spend),
                        ListOutput.money(user.limits.maxBudget), ListOutput.models(user.models),
                    ]
                },
                json: users.map { user in
                    [
                        "user_id": .string(user.userID), "user_email": user.userEmail.map(JSONValue.string) ?? .null,
                        "user_role": user.userRole.map(JSONValue.string) ?? .null, "team_id": user.teamID.map(JSONValue.string) ?? .null,
                        "spend": .number(user.spend), "max_budget": user.limits.maxBudget.map(JSONValue.number) ?? .null,
                        "models": .array(user.models.map(JSONValue.string)),
                    ]
                },
                asJSON: json
            )
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a user and every key that belongs to them.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The user's id.") var id: String

        func run() async throws {
            let id = id
            let deleted = try await store.withStore { store in try await store.deleteUsers(ids: [id]) }
            try DeleteOutput.report(deleted, what: "user", id: id)
        }
    }
}
