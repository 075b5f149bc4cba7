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

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a key; its secret is printed once.")

        @OptionGroup var store: StoreOptions
        @Option(help: "A name to find the key by.") var alias: String?
        @Option(help: "Comma-separated model groups the key may call (default: all).") var models: String?
        @OptionGroup var limits: LimitOptions
        @Option(help: "Lifetime, after which the key stops working: 1h, 30d…") var duration: String?
        @Option(help: "The team the key belongs to.") var team: String?
        @Option(help: "The user the key belongs to.") var user: String?

        func run() async throws {
            let now = Date().timeIntervalSince1970
            let lifetime = try duration.map { try LimitOptions.duration($0, flag: "--duration") }
            let secret = KeySecret.generate()
            let key = VirtualKey(
                tokenHash: KeySecret.hash(secret),
                keyName: KeySecret.displayName(secret),
                keyAlias: alias,
                models: LimitOptions.list(models),
                limits: try limits.limits(now: now),
                expiresAt: lifetime.map { now + $0.seconds },
                teamID: team,
                userID: user,
                createdAt: now
            )
            try await store.withStore { store in try await store.insertKey(key) }
            print(secret)
            FileHandle.standardError.write(Data("created \(key.keyName)\(alias.map { " (\($0))" } ?? ""); the secret above is not shown again\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")

        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON lines instead of a table.") var json = false

        func run() async throws {
            let keys = try await store.withStore { store in try await store.allKeys() }
            let now = Date().timeIntervalSince1970
            try ListOutput.print(
                header: ["HASH", "NAME", "ALIAS", "SPEND", "BUDGET", "MODELS", "STATE"],
                rows: keys.map { key in
                    let state = key.blocked ? "blocked" : (key.expiresAt.map { $0 <= now } == true ? "expired" : "active")
                    return [
                        String(key.tokenHash.prefix(12)), key.keyName, key.keyAlias ?? "-", ListOutput.money(key.spend),
                        ListOutput.money(key.limits.maxBudget), ListOutput.models(key.models), state,
                    ]
                },
                json: keys.map(Self.row), asJSON: json
            )
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
            let deleted = try await store.withStore { store -> [String] in
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
