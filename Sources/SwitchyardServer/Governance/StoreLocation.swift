import ServiceLifecycle
import SwitchyardCore
import SwitchyardPostgres
import SwitchyardSQLite

/// Where the governance store lives, read from `general_settings.database_url`.
public enum StoreLocation: Sendable, Equatable {
    /// An SQLite file (`:memory:` for a private in-memory database).
    case sqlite(path: String)
    case postgres(url: String)

    /// The embedded default: `switchyard.db` in the working directory.
    public static let embeddedDefault = StoreLocation.sqlite(path: "switchyard.db")

    /// Reads `postgres://…`, `postgresql://…`, `sqlite:PATH`, `sqlite://PATH`, `sqlite::memory:`
    /// or a bare file path; nil gives the embedded default.
    public init?(databaseURL: String?) {
        guard let url = databaseURL?.trimmingCharacters(in: .whitespaces), !url.isEmpty else {
            self = Self.embeddedDefault
            return
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(url: url)
        } else if url.hasPrefix("sqlite:") || url.hasPrefix("file:") {
            var path = String(url.drop { $0 != ":" }.dropFirst())
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { return nil }
            self = .sqlite(path: path)
        } else if url.contains("://") {
            return nil
        } else {
            self = .sqlite(path: url)
        }
    }

    /// Opens the store; the service, when there is one, must run for the store to work.
    public func open() throws -> (store: any GovernanceStore, service: (any Service)?) {
        switch self {
        case .sqlite(let path):
            return (try SQLiteGovernanceStore(path: path), nil)
        case .postgres(let url):
            let store = try PostgresGovernanceStore(url: url)
            return (store, store)
        }
    }

    /// Opens the store, migrates it, runs `body` with it and closes it: for one-shot commands
    /// (`switchyard keys`).
    public func withStore<T: Sendable>(_ body: @Sendable (any GovernanceStore) async throws -> T) async throws -> T {
        if case .postgres(let url) = self {
            // Connects first, so a wrong URL or a stopped server fails at once with the reason.
            return try await PostgresGovernanceStore.withStore(url: url) { store in try await body(store) }
        }
        let (store, service) = try open()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            if let service { group.addTask { try await service.run() } }
            defer { group.cancelAll() }
            try await store.migrate()
            let result = try await body(store)
            try await store.close()
            return result
        }
    }
}
