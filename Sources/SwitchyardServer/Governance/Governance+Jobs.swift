import SwitchyardCore

extension Governance {
    /// Books a settled job: releases its hold, adds `cost` (zero for a failed job) to its
    /// key, team and user, and writes its spend log row under the request that submitted it.
    ///
    /// Call only after `JobStore.markJobSettled` answered true, so a job is booked once
    /// whichever replica settles it.
    func settle(_ job: MediaJob, cost: Double, charge: Charge?, deployment: Deployment?, status: Int) {
        let now = clock.wallTime()
        ledger.settleJob(keyHash: job.ownerKeyHash, held: job.heldCost, cost: cost)
        if cost > 0 { metrics.increment(GatewayMetrics.spend, ["model_group": deployment?.modelName ?? "unknown"], by: cost) }
        guard !settings.disableSpendLogs else { return }
        let key = ledger.key(hash: job.ownerKeyHash)
        let entry = SpendLogEntry(
            requestID: job.requestID,
            callType: job.callType,
            keyHash: key?.tokenHash,
            keyAlias: key?.keyAlias,
            teamID: key?.teamID,
            userID: key?.userID,
            modelGroup: job.model,
            model: job.deploymentID,
            provider: deployment?.provider.rawValue,
            spend: cost,
            listCost: charge?.listCost ?? 0,
            billingMultiplier: charge?.multiplier ?? 1,
            costKnown: charge != nil || job.status == .failed,
            units: job.meteredUsage.unitsJSON,
            cacheHit: false,
            savedCost: 0,
            promptTokens: 0,
            completionTokens: 0,
            totalTokens: nil,
            startTime: job.createdAt,
            endTime: now,
            status: status,
            tags: Self.tags(key?.tags ?? [], job.tags)
        )
        if !logs.enqueue(entry) {
            metrics.increment(GatewayMetrics.spendLogsDropped, [:])
        }
    }
}
