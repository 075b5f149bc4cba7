import Logging
import Synchronization
import SwitchyardCore

/// One claimed batch, run by this replica until it ends or the replica lets it go: validation,
/// its lines, and its output files, each step chosen from the stored status (`BatchStep`), so
/// a run that resumes someone else's work picks up where that stopped.
///
/// While it runs, its lease is renewed (which also brings news of a cancel made on another
/// replica); a lost lease stops it at once, another replica now owning the batch.
final class BatchRun: Sendable {
    /// Why the lines stopped being started.
    enum Stop: Sendable, Equatable {
        /// The owner cancelled: what ran is written out, the batch ends `cancelled`.
        case cancelled
        /// Another replica claimed the batch: this one writes nothing more about it.
        case leaseLost
        /// This replica is shutting down: the lease is given up for another to take over.
        case shutdown
    }

    let id: String
    private let scheduler: BatchScheduler
    private let stop = Mutex<Stop?>(nil)
    private let logger: Logger

    init(id: String, scheduler: BatchScheduler, logger: Logger) {
        self.id = id
        self.scheduler = scheduler
        var logger = logger
        logger[metadataKey: "switchyard.batch_id"] = .string(id)
        self.logger = logger
    }

    var stopped: Stop? { stop.withLock { $0 } }

    /// Stops starting lines. The first reason given is kept, except that a shutdown or a
    /// lost lease wins over a cancel: neither may write the batch's files.
    func halt(_ reason: Stop) {
        stop.withLock { current in
            if current == nil || current == .cancelled { current = reason }
        }
    }

    private var gateway: Gateway { scheduler.gateway }
    private var store: any GovernanceStore { scheduler.gateway.governance.store }

    /// Runs the batch until it is done or this replica lets it go; gives the lease up at the end.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.keepLease() }
            await steps()
            halt(.shutdown)
            group.cancelAll()
        }
        do {
            try await store.releaseLease(batchID: id, replica: scheduler.replica)
        } catch {
            logger.warning("a batch's lease could not be given up; it expires instead", metadata: ["switchyard.error": .string("\(error)")])
        }
    }

    /// Takes the step the stored batch is at, reads it again, and so on until there is none.
    private func steps() async {
        do {
            while stopped != .leaseLost, stopped != .shutdown, !Task.isCancelled, let batch = try await store.batch(id: id) {
                switch batch.nextStep(now: gateway.clock.wallTime()) {
                case .validate:
                    try await validate(batch)
                case .runLines:
                    try await runLines(batch)
                case .advance(let event):
                    guard let moved = batch.moved(by: event, at: gateway.clock.wallTime()) else { return }
                    _ = try await store.updateBatch(moved, from: [batch.status])
                case .writeFiles:
                    try await finalize(batch)
                case .none:
                    return
                }
            }
        } catch {
            logger.warning("a batch step failed; the batch is left for a later claim", metadata: ["switchyard.error": .string("\(error)")])
        }
    }

    /// Renews the lease until cancelled; a renewal that finds the lease gone stops the run, and
    /// one that finds the batch `cancelling` (cancelled on another replica) stops its lines.
    private func keepLease() async {
        let settings = gateway.config.general.batches
        let interval = min(settings.leaseSeconds / 3, settings.pollInterval)
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
            if Task.isCancelled { return }
            do {
                let until = gateway.clock.wallTime() + settings.leaseSeconds
                guard try await store.renewLease(batchID: id, replica: scheduler.replica, until: until) else {
                    logger.warning("another replica took this batch over")
                    halt(.leaseLost)
                    return
                }
                if try await store.batch(id: id)?.status == .cancelling { halt(.cancelled) }
            } catch {
                logger.warning("a batch's lease could not be renewed", metadata: ["switchyard.error": .string("\(error)")])
            }
        }
    }

    // MARK: Validation

    /// Reads and checks the input file: its lines are stored and may run, or the batch fails
    /// with the reasons.
    private func validate(_ batch: StoredBatch) async throws {
        let now = { self.gateway.clock.wallTime() }
        let input: BatchInput
        do {
            input = BatchInput(validating: try await scheduler.files.inputBytes(of: batch), endpoint: batch.endpoint)
        } catch let error as GatewayError where (400..<500).contains(error.status) {
            // Deleted since the batch was made, or too large to read: the batch cannot run.
            input = BatchInput(refusing: BatchInputError(code: error.code ?? "invalid_input_file", message: error.message))
        }
        guard input.errors.isEmpty, let accepted = batch.moved(by: .accepted, at: now()) else {
            guard var failed = batch.moved(by: .rejected, at: now()) else { return }
            failed.errors = input.errors
            _ = try await store.updateBatch(failed, from: [.validating])
            return
        }
        _ = try await store.acceptBatch(id: batch.id, lines: input.lines, model: input.model, at: accepted.statusTimes[.inProgress] ?? now())
    }

    // MARK: Lines

    /// Starts every unsettled line, at most `batch_concurrency` at once over the replica,
    /// until none is left or the run stops (cancel, lease, shutdown) or the window closes;
    /// lines already started finish either way, each result stored as it comes.
    private func runLines(_ batch: StoredBatch) async throws {
        guard let operation = BatchEndpoint.operations[batch.endpoint] else {
            throw GatewayError(.internalError, "A batch for an endpoint the gateway does not run: \(batch.endpoint)")
        }
        let runner = BatchLineRunner(gateway: gateway)
        let slots = scheduler.slots
        let clock = gateway.clock
        let expiresAt = batch.expiresAt
        let halted: @Sendable () -> Bool = { [self] in stopped != nil || Task.isCancelled || clock.wallTime() >= expiresAt }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var cursor = -1
            dispatch: while !halted() {
                let page = try await store.unsettledLines(batchID: batch.id, after: cursor, limit: 64)
                guard let last = page.last else { break }
                for line in page {
                    await slots.acquire()
                    guard !halted() else {
                        slots.release()
                        break dispatch
                    }
                    group.addTask {
                        defer { slots.release() }
                        await self.settle(line, of: batch, operation: operation, runner: runner, stop: halted)
                    }
                }
                cursor = last.index
            }
            try await group.waitForAll()
        }
    }

    /// Runs one line and stores its result; a line that did not run, or whose result could
    /// not be stored, stays unsettled and runs again on a later pass or claim.
    private func settle(_ line: BatchLine, of batch: StoredBatch, operation: GatewayOperation, runner: BatchLineRunner, stop: @Sendable () -> Bool) async {
        guard let (result, usage) = await runner.run(line, of: batch, operation: operation, stop: stop, logger: logger) else { return }
        do {
            if try await !store.settleLine(batchID: batch.id, index: line.index, result: result, usage: usage) {
                logger.info("a line already had a result; this answer is dropped", metadata: ["switchyard.custom_id": .string(line.customID)])
            }
        } catch {
            logger.warning("a line's result could not be stored; it runs again", metadata: ["switchyard.error": .string("\(error)")])
        }
    }

    // MARK: Files

    /// Writes the output file (2xx answers) and the error file (other answers, and lines the
    /// closed window left unrun), then ends the batch: `completed`, `expired` or `cancelled`.
    private func finalize(_ batch: StoredBatch) async throws {
        var batch = batch
        let expiring = batch.status == .finalizing && batch.windowClosed
        if expiring {
            // The window closed: the lines that never ran are failed lines of the error file.
            _ = try await store.expireUnsettledLines(batchID: batch.id, idPrefix: "batch_req_\(HexDigits.random(bytes: 8))_")
            guard let expired = try await store.batch(id: batch.id) else { return }
            batch = expired
        }
        let files = scheduler.files
        var done = batch
        if batch.counts.completed > 0 {
            let output = BatchOutputFile(store: store, batchID: batch.id, kind: .successes)
            done.outputFileID = try await files.write(output, named: "batch_\(batch.id)_output.jsonl", for: batch)
        }
        if batch.counts.failed > 0 {
            let errors = BatchOutputFile(store: store, batchID: batch.id, kind: .failures)
            done.errorFileID = try await files.write(errors, named: "batch_\(batch.id)_error.jsonl", for: batch)
        }
        guard let ended = done.moved(by: .filesWritten(complete: !expiring), at: gateway.clock.wallTime()) else { return }
        _ = try await store.updateBatch(ended, from: [batch.status])
    }
}
