import Logging
import ServiceLifecycle
import Synchronization
import SwitchyardCore

/// Runs the gateway's batches, as a service: claims batches with work left (made here, made
/// on another replica, or let go by a replica that stopped), runs each (`BatchRun`) with the
/// replica's line permits (`batch_concurrency`), and looks for more whenever one is made here,
/// one ends, or `batch_poll_interval` passes.
///
/// On shutdown it starts no line, lets the lines already running finish and store their
/// results, and gives its leases up, so another replica (or this one restarted) carries on at
/// once. A replica killed outright leaves its leases to expire (`batch_lease_seconds`) instead.
final class BatchScheduler: Service, Sendable {
    let gateway: Gateway
    let files: BatchFiles
    /// This process among the replicas: the owner its leases are recorded under.
    let replica = "replica-" + HexDigits.random(bytes: 8)
    /// Lines running at once on this replica, over every batch it runs.
    let slots: AsyncPermits
    private let doorbell = Doorbell()
    private let runs = Mutex<[String: BatchRun]>([:])
    private let stopping = Mutex(false)
    private let logger: Logger

    init(gateway: Gateway, files: BatchFiles, logger: Logger) {
        self.gateway = gateway
        self.files = files
        self.slots = AsyncPermits(gateway.config.general.batches.concurrency)
        self.logger = logger
    }

    /// A batch was made here: look for work now rather than at the next poll.
    func batchCreated() {
        doorbell.ring()
    }

    /// The owner cancelled `id` here: if this replica runs it, no line starts from now on.
    func batchCancelled(_ id: String) {
        runs.withLock { $0[id] }?.halt(.cancelled)
    }

    func run() async throws {
        do {
            try await gateway.governance.ready.value
        } catch {
            return  // The governance service reports the store that could not open.
        }
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                // Cancelled (not shut down gracefully): stop at once; the doorbell no longer waits.
                while !stopping.withLock({ $0 }), !Task.isCancelled {
                    if runs.withLock({ $0.count }) < gateway.config.general.batches.concurrency, let run = await claim() {
                        group.addTask {
                            await run.run()
                            self.runs.withLock { _ = $0.removeValue(forKey: run.id) }
                            self.doorbell.ring()
                        }
                        continue
                    }
                    await doorbell.wait(seconds: gateway.config.general.batches.pollInterval)
                }
                // Each run stops starting lines and waits for the ones it started.
                for run in runs.withLock({ Array($0.values) }) { run.halt(.shutdown) }
                await group.waitForAll()
            }
        } onGracefulShutdown: {
            self.stopping.withLock { $0 = true }
            for run in self.runs.withLock({ Array($0.values) }) { run.halt(.shutdown) }
            self.doorbell.ring()
        }
    }

    /// Leases the next batch with work left, if any.
    private func claim() async -> BatchRun? {
        let settings = gateway.config.general.batches
        let now = gateway.clock.wallTime()
        do {
            guard let batch = try await gateway.governance.store.claimBatch(replica: replica, now: now, leaseUntil: now + settings.leaseSeconds) else {
                return nil
            }
            let run = BatchRun(id: batch.id, scheduler: self, logger: logger)
            runs.withLock { $0[batch.id] = run }
            if stopping.withLock({ $0 }) { run.halt(.shutdown) }
            return run
        } catch {
            logger.warning("batches could not be claimed", metadata: ["switchyard.error": .string("\(error)")])
            return nil
        }
    }
}
