import Foundation
import Logging
import Synchronization
import SwitchyardCore

/// The deployments in force: the config file's (as last loaded or reloaded) followed by those
/// added with `/model/new` and kept in the store. Every change to either side installs the
/// two together as the gateway's routing table, so a reload never drops a stored model and a
/// stored model never outlives its deletion.
final class ModelCatalog: Sendable {
    private struct State {
        var base: GatewayConfig
        var stored: [StoredModel]
        /// Counts this replica's own adds and deletes, so a sync that read the store before one
        /// of them cannot undo it.
        var edits = 0
    }

    private let gateway: Gateway
    private let state: Mutex<State>

    init(gateway: Gateway) {
        self.gateway = gateway
        self.state = Mutex(State(base: gateway.config, stored: []))
    }

    /// The config file's part, as last loaded.
    var base: GatewayConfig { state.withLock { $0.base } }
    var stored: [StoredModel] { state.withLock { $0.stored } }

    /// Puts a newly loaded config file in force, with the stored models after its own.
    func setBase(_ config: GatewayConfig) {
        state.withLock { state in
            state.base = config
            install(state)
        }
    }

    /// Adds a model this replica just stored.
    func add(_ model: StoredModel) {
        state.withLock { state in
            state.edits += 1
            guard !state.stored.contains(where: { $0.id == model.id }) else { return }
            state.stored.append(model)
            install(state)
        }
    }

    /// Removes a model this replica just deleted from the store.
    func remove(id: String) {
        state.withLock { state in
            state.edits += 1
            state.stored.removeAll { $0.id == id }
            install(state)
        }
    }

    /// Reads the stored models (other replicas' adds and deletes) and installs them when they
    /// changed, unless this replica edited them while the read ran: the next sync reads again.
    func refresh(from store: any ModelStore, logger: Logger) async {
        let edits = state.withLock { $0.edits }
        let models: [StoredModel]
        do {
            models = try await store.storedModels()
        } catch {
            logger.warning("reading the stored models failed; retrying at the next sync", metadata: ["switchyard.error": .string("\(error)")])
            return
        }
        let changed = state.withLock { state in
            guard state.edits == edits, state.stored != models else { return false }
            state.stored = models
            install(state)
            return true
        }
        if changed { logger.info("stored models changed", metadata: ["switchyard.models": .stringConvertible(models.count)]) }
    }

    /// Whether any deployment, in the file or stored, has `id`.
    func hasDeployment(id: String) -> Bool {
        gateway.config.deployments.contains { $0.id == id } || stored.contains { $0.id == id }
    }

    private func install(_ state: State) {
        var config = state.base
        // A stored entry that no longer reads (an os.environ/ name this replica lacks) is
        // left out rather than stopping the others.
        for model in state.stored {
            let read = ConfigLoader.deployments(entries: [model.entry], environment: ProcessInfo.processInfo.environment)
            config.deployments += read.problems.contains { $0.severity == .error } ? [] : read.deployments
        }
        gateway.install(config)
    }
}
