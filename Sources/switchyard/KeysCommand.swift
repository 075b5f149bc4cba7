import ArgumentParser
import Foundation
import SwitchyardCore
import SwitchyardServer

/// `switchyard keys create|list|revoke`: manage virtual keys straight in the configured store,
/// without a running gateway. A running gateway picks the change up at its next sync.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke virtual keys in the configured store.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct StoreOptions: ParsableArguments {
        @Option(name: .long, help: "The gateway's config.yaml (or set SWITCHYARD_CONFIG); its database_url names the store.")
        var config: String?

        @Option(name: .long, help: "The store to use instead: postgres://…, or sqlite:PATH. Default: switchyard.db.")
        var databaseURL: String?

        func location() throws -> StoreLocation {
            let environment = ProcessInfo.processInfo.environment
            var url = databaseURL
            if url == nil, let path = config ?? environment["SWITCHYARD_CONFIG"], !path.isEmpty {
                let result = ConfigLoader.load(file: path, environment: environment)
                guard let loaded = result.config, result.errors.isEmpty else {
                    for problem in result.errors { FileHandle.standardError.write(Data("\(path): \(problem.description)\n".utf8)) }
                    throw ExitCode(1)
                }
                url = loaded.general.databaseURL
            }
            guard let location = StoreLocation(databaseURL: url) else {
                throw ValidationError("database_url: use postgres://…, postgresql://… or sqlite:PATH")
            }
            return location
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a key; its secret is printed once.")

        @OptionGroup var store: StoreOptions
        @Option(help: "A name to find the key by.") var alias: String?
        @Option(help: "Comma-separated model groups the key may call (default: all).") var models: String?
        @Option(help: "USD the key may spend per budget period.") var maxBudget: Double?
        @Option(help: "Budget period: 30s, 1h, 1d, 30d, 1mo.") var budgetDuration: String?
        @Option(help: "Requests per minute.") var rpm: Int?
        @Option(help: "Tokens per minute.") var tpm: Int?
        @Option(help: "Requests in flight at once.") var maxParallel: Int?
        @Option(help: "Lifetime, after which the key stops working: 1h, 30d…") var duration: String?
        @Option(help: "The team the key belongs to.") var team: String?
        @Option(help: "The user the key belongs to.") var user: String?

        func run() async throws {
            let budgetPeriod = try budgetDuration.map { text in
                guard let period = BudgetDuration(text) else { throw ValidationError("--budget-duration: use 30s, 15m, 1h, 1d, 30d or 1mo") }
                return period
            }
            let lifetime = try duration.map { text in
                guard let period = BudgetDuration(text) else { throw ValidationError("--duration: use 30s, 15m, 1h, 1d, 30d or 1mo") }
                return period
            }
            let now = Date().timeIntervalSince1970
            let secret = KeySecret.generate()
            let key = VirtualKey(
                tokenHash: KeySecret.hash(secret),
                keyName: KeySecret.displayName(secret),
                keyAlias: alias,
                models: models.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [],
                limits: BudgetLimits(
                    maxBudget: maxBudget, budgetDuration: budgetPeriod, budgetResetAt: budgetPeriod?.nextReset(after: now),
                    rpmLimit: rpm, tpmLimit: tpm, maxParallelRequests: maxParallel
                ),
                expiresAt: lifetime.map { now + $0.seconds },
                teamID: team,
                userID: user,
                createdAt: now
            )
            try await store.location().withStore { store in try await store.insertKey(key) }
            print(secret)
            FileHandle.standardError.write(Data("created \(key.keyName)\(alias.map { " (\($0))" } ?? ""); the secret above is not shown again\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")

        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON lines instead of a table.") var json = false

        func run() async throws {
            let keys = try await store.location().withStore { store in try await store.allKeys() }
            if json {
                for key in keys {
                    let data = try JSONEncoder().encode(JSONValue.object(Self.row(key)))
                    print(String(decoding: data, as: UTF8.self))
                }
                return
            }
            print(["HASH", "NAME", "ALIAS", "SPEND", "BUDGET", "MODELS", "STATE"].joined(separator: "\t"))
            for key in keys {
                let state = key.blocked ? "blocked" : (key.expiresAt.map { $0 <= Date().timeIntervalSince1970 } == true ? "expired" : "active")
                print([
                    String(key.tokenHash.prefix(12)), key.keyName, key.keyAlias ?? "-", CostCalculator.format(key.spend),
                    key.limits.maxBudget.map(CostCalculator.format) ?? "-", key.models.isEmpty ? "*" : key.models.joined(separator: ","), state,
                ].joined(separator: "\t"))
            }
        }

        static func row(_ key: VirtualKey) -> [String: JSONValue] {
            [
                "token": .string(key.tokenHash), "key_name": .string(key.keyName), "key_alias": key.keyAlias.map(JSONValue.string) ?? .null,
                "spend": .number(key.spend), "max_budget": key.limits.maxBudget.map(JSONValue.number) ?? .null,
                "models": .array(key.models.map(JSONValue.string)), "blocked": .bool(key.blocked),
            ]
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a key, by its secret, its hash, a hash prefix from `list`, or its alias.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The key's secret, hash, hash prefix (12+ characters) or alias.") var key: String

        func run() async throws {
            let reference = key
            let deleted = try await store.location().withStore { store -> [String] in
                let keys = try await store.allKeys()
                let hash = KeySecret.tokenHash(forReference: reference)
                let matches = keys.filter {
                    $0.tokenHash == hash || $0.keyAlias == reference || (reference.count >= 12 && $0.tokenHash.hasPrefix(reference))
                }
                guard matches.count <= 1 else { throw ValidationError("\(reference) matches \(matches.count) keys; use the full hash") }
                return try await store.deleteKeys(hashes: matches.map(\.tokenHash))
            }
            guard let revoked = deleted.first else {
                FileHandle.standardError.write(Data("no key matches \(reference)\n".utf8))
                throw ExitCode(1)
            }
            print("revoked \(revoked)")
        }
    }
}
