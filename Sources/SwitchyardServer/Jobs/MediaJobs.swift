import Foundation
import Logging
import NIOCore
import SwitchyardCore

/// The gateway's video and music jobs: recording a job a provider accepted, advancing running
/// jobs by polling their providers (`JobLifecycle` decides each step), storing finished
/// content, and settling each job's budget hold exactly once.
///
/// Clients' reads never reach a provider: they read the store. Any replica may poll any job; a
/// lease in the store keeps two from polling the same one at once.
struct MediaJobs: Sendable {
    let gateway: Gateway

    private var store: any JobStore { gateway.governance.store }
    private var blobs: any FileBlobStore { gateway.jobContent }
    private var lifecycle: JobLifecycle { gateway.jobLifecycle }

    private var clock: any GatewayClock { gateway.clock }

    /// How long a claimed job stays leased to the replica polling it: longer than a poll and
    /// a download take, short enough that a job a stopped replica held is soon polled again.
    static let leaseSeconds = 300.0

    // MARK: Submission

    /// Records the job `snapshot` describes, which the routed deployment (for a remix, the
    /// source's) accepted for `call`, and holds the request's admission estimate against the
    /// owner's budgets until the job settles.
    func accept(
        _ snapshot: ProviderJobSnapshot, deployment: Deployment, call: OperationCall, owner: ResourceOwner, requestID: String, tags: [String]
    ) async throws -> MediaJob {
        guard let kind = call.operation.jobKind else { throw GatewayError(.internalError, "\(call.operation.name) is not a job operation.") }
        let now = clock.wallTime()
        let seconds: Int
        let size: String?
        if let source = call.remixSource {
            (seconds, size) = (source.seconds, source.size)
        } else {
            let spec = try call.request.jobSpec(kind: kind)
            (seconds, size) = (spec.seconds, spec.size)
        }
        var job = MediaJob(
            id: kind.idPrefix + HexDigits.random(bytes: 16), kind: kind, ownerKeyHash: owner.keyHash, teamID: owner.teamID, model: call.model,
            deploymentID: call.remixSource?.deploymentID ?? deployment.id, upstreamID: snapshot.upstreamID, prompt: call.request.field("prompt"), seconds: seconds, size: size,
            remixedFromID: call.remixSource?.id, createdAt: now, heldCost: call.meter.admission?.reserved ?? 0,
            nextPollAt: now + lifecycle.backoff.delay(afterPoll: 0), requestID: requestID, callType: call.operation.name, tags: tags
        )
        let action = lifecycle.apply(.polled(snapshot.state), to: &job, now: now)
        // The submission's answer is not a poll: the first poll waits the initial delay, or
        // comes at once for a job that finished already.
        job.pollCount = 0
        job.nextPollAt = now + lifecycle.backoff.delay(afterPoll: 0)
        if case .download = action { job.nextPollAt = now }
        let failed = action == .settleFailed
        if failed { job.settled = true }
        try await storeCall("The job store") { try await store.insertJob(job) }
        if failed {
            gateway.governance.settle(job, cost: 0, charge: nil, deployment: deployment, status: 502)
        } else if job.heldCost > 0 {
            gateway.governance.ledger.holdJob(keyHash: job.ownerKeyHash, amount: job.heldCost)
        }
        return job
    }

    // MARK: Polling

    /// Claims the jobs due now and advances each one step; answers how many it advanced.
    @discardableResult
    func pollDue(limit: Int = 16, logger: Logger) async -> Int {
        // A job is settled against the ledger: not before it holds the keys and their holds.
        guard (try? await gateway.governance.ready.value) != nil else { return 0 }
        let now = clock.wallTime()
        let claimed: [MediaJob]
        do {
            claimed = try await store.claimDueJobs(now: now, owner: gateway.replicaID, leaseUntil: now + Self.leaseSeconds, limit: limit)
        } catch {
            logger.warning("claiming due jobs failed", metadata: ["switchyard.error": .string("\(error)")])
            return 0
        }
        await withTaskGroup(of: Void.self) { group in
            for job in claimed {
                group.addTask { await self.advance(job, logger: logger) }
            }
        }
        await pruneExpired(now: now, logger: logger)
        return claimed.count
    }

    /// One poll of one claimed job: ask the provider, download finished content, store the
    /// new state, settle a job that ended.
    func advance(_ claimed: MediaJob, logger: Logger) async {
        var job = claimed
        var action: JobLifecycle.Action
        let deployment = gateway.deployment(id: job.deploymentID)
        if let deployment, let adapter = deployment.provider.jobAdapter(job.kind) {
            action = await poll(&job, deployment: deployment, adapter: adapter, logger: logger)
            if case .download(let location) = action {
                action = await download(&job, location: location, deployment: deployment, adapter: adapter, logger: logger)
            }
        } else {
            let message = "The deployment `\(job.deploymentID)` that ran this job is no longer configured."
            action = lifecycle.apply(.pollFailed(code: "deployment_removed", message: message, permanent: true), to: &job, now: clock.wallTime())
        }
        var charge: Charge?
        if action == .settleCompleted, let deployment {
            charge = CostCalculator.charge(of: job.meteredUsage, modelInfo: deployment.modelInfo)
            job.chargedCost = charge?.cost ?? 0
        }
        job.leaseOwner = nil
        job.leaseUntil = nil
        do {
            guard try await store.updateJob(job) else {
                // Deleted while it was polled: nothing of it may stay behind.
                try? await blobs.delete(id: job.id)
                return
            }
            if action == .settleCompleted || action == .settleFailed, try await store.markJobSettled(id: job.id) {
                let status = action == .settleCompleted ? 200 : 502
                gateway.governance.settle(job, cost: job.chargedCost ?? 0, charge: charge, deployment: deployment, status: status)
            }
        } catch {
            // The lease lapses and another poll (here or on another replica) tries again.
            logger.warning("a job's new state could not be stored", metadata: ["switchyard.job": .string(job.id), "switchyard.error": .string("\(error)")])
        }
    }

    private func poll(_ job: inout MediaJob, deployment: Deployment, adapter: any MediaJobAdapter, logger: Logger) async -> JobLifecycle.Action {
        do {
            let request = try adapter.poll(upstreamID: job.upstreamID, deployment: deployment)
            let answer = try await gateway.exchange(request, deployment: deployment, endpoint: deployment.provider.endpoint, logger: logger)
            let snapshot = try adapter.polled(answer.body, upstreamID: job.upstreamID)
            return lifecycle.apply(.polled(snapshot.state), to: &job, now: clock.wallTime())
        } catch {
            let failure = error as? GatewayError
            // A provider that no longer knows the job will not know it next time either.
            let permanent = failure?.status == 404
            let message = failure?.message ?? "\(error)"
            return lifecycle.apply(.pollFailed(code: failure?.code ?? "poll_failed", message: message, permanent: permanent), to: &job, now: clock.wallTime())
        }
    }

    private func download(
        _ job: inout MediaJob, location: String?, deployment: Deployment, adapter: any MediaJobAdapter, logger: Logger
    ) async -> JobLifecycle.Action {
        do {
            let request = try adapter.download(upstreamID: job.upstreamID, location: location, deployment: deployment)
            let answer = try await gateway.exchange(
                request, deployment: deployment, endpoint: deployment.provider.endpoint, spillingAfter: 1024 * 1024, logger: logger
            )
            let size = try await blobs.write(id: job.id, contents: JobContentStream(first: answer.body, rest: answer.rest))
            let contentType = answer.contentType ?? (job.kind == .video ? "video/mp4" : "audio/wav")
            return lifecycle.apply(.contentStored(bytes: size, contentType: contentType), to: &job, now: clock.wallTime())
        } catch {
            let message = (error as? GatewayError)?.message ?? "\(error)"
            return lifecycle.apply(.pollFailed(code: "download_failed", message: message, permanent: false), to: &job, now: clock.wallTime())
        }
    }

    // MARK: Removal

    /// Deletes a finished job and its content; a running job cannot be deleted (its
    /// provider still works on it and will be paid for it).
    func delete(_ job: MediaJob) async throws {
        guard !job.isRunning else {
            throw GatewayError(.invalidRequest, "A \(job.kind.rawValue) can be deleted once it has completed or failed; it is \(job.status.rawValue).", code: "job_running")
        }
        try await storeCall("The job store") {
            try await blobs.delete(id: job.id)
            _ = try await store.deleteJob(id: job.id)
        }
    }

    /// Removes jobs whose content expired, with their content.
    private func pruneExpired(now: Double, logger: Logger) async {
        do {
            for id in try await store.expiredJobs(now: now, limit: 100) {
                try await blobs.delete(id: id)
                _ = try await store.deleteJob(id: id)
            }
        } catch {
            logger.warning("removing expired jobs failed", metadata: ["switchyard.error": .string("\(error)")])
        }
    }
}
