import ArgumentParser
import Foundation
import SwitchyardCore

/// `switchyard teams create|list|delete`: manage teams straight in the configured store, as
/// `keys` does. A running gateway picks the change up at its next sync.
struct TeamsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teams",
        abstract: "Create, list and delete teams in the configured store.",
        subcommands: [Create.self, List.self, Delete.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a team; prints its id.")

        @OptionGroup var store: StoreOptions
        @Option(help: "The team's id (default: a new UUID).") var id: String?
        @Option(help: "A name for the team.") var alias: String?
        @Option(help: "Comma-separated model groups the team's keys may call (default: all).") var models: String?
        @OptionGroup var limits: LimitOptions

        func run() async throws {
            let now = Date().timeIntervalSince1970
            var team = Team(teamID: id ?? UUID().uuidString.lowercased(), createdAt: now)
            team.teamAlias = alias
            team.models = LimitOptions.list(models)
            team.limits = try limits.limits(now: now)
            let created = team
            try await store.create("team", id: team.teamID, existing: { try await $0.allTeams().map(\.teamID) }, insert: { try await $0.insertTeam(created) })
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List teams.")

        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON lines instead of a table.") var json = false

        func run() async throws {
            let teams = try await store.withStore { store in try await store.allTeams() }
            try ListOutput.print(
                header: ["TEAM", "ALIAS", "SPEND", "BUDGET", "MODELS", "STATE"],
                rows: teams.map { team in
                    [
                        team.teamID, team.teamAlias ?? "-", ListOutput.money(team.spend), ListOutput.money(team.limits.maxBudget),
                        ListOutput.models(team.models), team.blocked ? "blocked" : "active",
                    ]
                },
                json: teams.map { team in
                    [
                        "team_id": .string(team.teamID), "team_alias": team.teamAlias.map(JSONValue.string) ?? .null, "spend": .number(team.spend),
                        "max_budget": team.limits.maxBudget.map(JSONValue.number) ?? .null, "models": .array(team.models.map(JSONValue.string)),
                        "blocked": .bool(team.blocked),
                    ]
                },
                asJSON: json
            )
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a team and every key that belongs to it.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The team's id.") var id: String

        func run() async throws {
            let id = id
            let deleted = try await store.withStore { store in try await store.deleteTeams(ids: [id]) }
            try DeleteOutput.report(deleted, what: "team", id: id)
        }
    }
}

/// What `teams delete` and `users delete` print.
enum DeleteOutput {
    static func report(_ deleted: DeletedOwners, what: String, id: String) throws {
        guard !deleted.ids.isEmpty else {
            FileHandle.standardError.write(Data("no \(what) \(id)\n".utf8))
            throw ExitCode(1)
        }
        print("deleted \(what) \(id) and \(deleted.keyHashes.count) key(s)")
    }
}
