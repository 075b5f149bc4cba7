import Logging
import PostgresNIO
import Synchronization
import SwitchyardCore
import SwitchyardPostgres

/// Stores on one test database, each with its own pool as a separate gateway replica would
/// have, each running until `closeAll()`.
final class PostgresReplicas: Sendable {
    private let url: String
    private let running = Mutex<[(store: PostgresGovernanceStore, task: Task<Void, Never>)]>([])

    init(url: String) {
        self.url = url
    }

    func make() throws -> PostgresGovernanceStore {
        var configuration = try PostgresURL(url).configuration
        // Tests run in parallel against one server; a few connections per replica suffice.
        configuration.options.maximumConnections = 4
        let store = PostgresGovernanceStore(configuration: configuration, logger: TestPostgres.quietLogger)
        let task = Task { await store.run() }
        running.withLock { $0.append((store, task)) }
        return store
    }

    /// Closes every store and waits for its pool to finish.
    func closeAll() async {
        let all = running.withLock { running in
            defer { running.removeAll() }
            return running
        }
        for (store, task) in all {
            try? await store.close()
            await task.value
        }
    }
}
