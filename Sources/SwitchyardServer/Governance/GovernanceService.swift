import Logging
import ServiceLifecycle
import SwitchyardCore

/// Runs the store sync (and reads the stored models) every `proxy_batch_write_at` seconds, prunes old log rows when a
/// retention period is set, stored responses past theirs and files that expired, and syncs
/// once more on shutdown so a graceful stop loses nothing.
struct GovernanceService: Service {
    let governance: Governance
    let files: FileService
    /// Picks up models added or deleted with `/model/new` on any replica.
    let catalog: ModelCatalog
    let interval: Double
    let logger: Logger

    func run() async throws {
        do {
            try await governance.ready.value
        } catch {
            logger.error("the store could not be opened", metadata: ["switchyard.error": .string("\(error)")])
            throw error
        }
        await catalog.refresh(from: governance.store, logger: logger)
        var lastPrune = 0.0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await gracefulShutdownAware(seconds: interval)
            await syncOnce()
            await catalog.refresh(from: governance.store, logger: logger)
            if governance.clock.wallTime() - lastPrune > 3600 {
                lastPrune = governance.clock.wallTime()
                if let retention = governance.settings.spendLogsRetention { await prune(retention) }
                await pruneResponses(governance.settings.responsesRetention)
                await pruneFiles()
            }
        }
        // One more pass for anything that arrived while the last one ran.
        await syncOnce()
        await files.blobs.close()
        try await governance.store.close()
    }

    private func syncOnce() async {
        do {
            try await governance.sync(logger: logger)
        } catch {
            governance.metrics.increment(GatewayMetrics.storeSyncFailures, [:])
            logger.warning("store sync failed; retrying at the next interval", metadata: ["switchyard.error": .string("\(error)")])
        }
    }

    private func prune(_ retention: BudgetDuration) async {
        let now = governance.clock.wallTime()
        let cutoff = now - retention.seconds
        do {
            let removed = try await governance.store.prune(logsBefore: cutoff, windowsBefore: Int(now / 60) * 60 - 3600)
            if removed > 0 { logger.info("pruned spend logs", metadata: ["switchyard.rows": .stringConvertible(removed)]) }
        } catch {
            logger.warning("spend log pruning failed", metadata: ["switchyard.error": .string("\(error)")])
        }
    }

    private func pruneResponses(_ retention: BudgetDuration) async {
        do {
            let removed = try await governance.store.pruneResponses(createdBefore: governance.clock.wallTime() - retention.seconds)
            if removed > 0 { logger.info("pruned stored responses", metadata: ["switchyard.rows": .stringConvertible(removed)]) }
        } catch {
            logger.warning("response pruning failed", metadata: ["switchyard.error": .string("\(error)")])
        }
    }

    /// Expired files are invisible at once; their rows and bytes go here, hourly, with uploads
    /// abandoned a day ago.
    private func pruneFiles() async {
        do {
            let removed = try await files.prune()
            if removed > 0 { logger.info("pruned expired files", metadata: ["switchyard.files": .stringConvertible(removed)]) }
        } catch {
            logger.warning("file pruning failed", metadata: ["switchyard.error": .string("\(error)")])
        }
    }

    /// Waits `seconds`, returning early when a graceful shutdown begins.
    private func gracefulShutdownAware(seconds: Double) async throws {
        try await cancelWhenGracefulShutdown {
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
        }
    }
}
