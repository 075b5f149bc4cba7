import ArgumentParser
import Foundation
import SwitchyardCore
import SwitchyardServer

/// `--config` or `--database-url`: the store the `keys`, `teams`, `users` and `spend`
/// commands open directly, without a running gateway.
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

    /// Opens the store, runs `body` with it and closes it.
    func withStore<T: Sendable>(_ body: @Sendable (any GovernanceStore) async throws -> T) async throws -> T {
        try await location().withStore(body)
    }

    /// Adds a team or user unless one with `id` exists, then prints the id.
    func create(
        _ what: String, id: String, existing: @escaping @Sendable (any GovernanceStore) async throws -> [String],
        insert: @escaping @Sendable (any GovernanceStore) async throws -> Void
    ) async throws {
        try await withStore { store in
            if try await existing(store).contains(id) { throw ValidationError("a \(what) with id \(id) already exists") }
            try await insert(store)
        }
        print(id)
    }
}
