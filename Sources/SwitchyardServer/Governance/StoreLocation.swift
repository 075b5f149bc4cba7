import Foundation
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

    /// An opened store: the service, when there is one, must run for the store to work; file
    /// bytes go to `blobs`.
    public struct Opened: Sendable {
        public let store: any GovernanceStore
        public let service: (any Service)?
        public let blobs: any FileBlobStore
        /// Where finished video and music jobs keep their content: beside the files, or (in
        /// PostgreSQL) in chunks of their own, since file chunks belong to file rows.
        public let jobBlobs: any FileBlobStore

        init(store: any GovernanceStore, service: (any Service)?, blobs: any FileBlobStore, jobBlobs: (any FileBlobStore)? = nil) {
            self.store = store
            self.service = service
            self.blobs = blobs
            self.jobBlobs = jobBlobs ?? blobs
        }
    }

    /// Opens the store. File bytes go beside an SQLite file (in `filesDirectory` when given,
    /// else `<file>.files/`; a temporary directory, removed at close, for `:memory:`), and into
    /// the database itself with PostgreSQL, where every replica reads them.
    public func open(filesDirectory: String? = nil) throws -> Opened {
        switch self {
        case .sqlite(let path):
            let store = try SQLiteGovernanceStore(path: path)
            if let filesDirectory { return Opened(store: store, service: nil, blobs: DirectoryFileBlobStore(directory: filesDirectory)) }
            guard path != ":memory:" else {
                let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-files-\(UUID().uuidString)").path
                return Opened(store: store, service: nil, blobs: DirectoryFileBlobStore(directory: temporary, temporary: true))
            }
            return Opened(store: store, service: nil, blobs: DirectoryFileBlobStore(directory: path + ".files"))
        case .postgres(let url):
            let store = try PostgresGovernanceStore(url: url)
            return Opened(
                store: store, service: store, blobs: PostgresFileBlobStore(store: store),
                jobBlobs: PostgresFileBlobStore(store: store, table: "switchyard_job_chunks")
            )
        }
    }

    /// Opens the store, migrates it, runs `body` with it and closes it: for one-shot commands
    /// (`switchyard keys`).
    public func withStore<T: Sendable>(_ body: @Sendable (any GovernanceStore) async throws -> T) async throws -> T {
        if case .postgres(let url) = self {
            // Connects first, so a wrong URL or a stopped server fails at once with the reason.
            return try await PostgresGovernanceStore.withStore(url: url) { store in try await body(store) }
        }
        let opened = try open()
        let store = opened.store
        let service = opened.service
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
