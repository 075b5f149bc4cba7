import SwitchyardCore

extension Governance {
    /// Logs a request refused because its key is blocked or expired (401), so the request log
    /// shows what a stopped key still tries. Unknown keys are not logged: anyone can send
    /// those, and the log is not a place for a stranger to write.
    func logRefusal(presentedKey: String?, status: Int, modelGroup: String, callType: String, requestID: String, tags: [String]) {
        guard !settings.disableSpendLogs, let presentedKey, let key = ledger.key(hash: KeySecret.hash(presentedKey)) else { return }
        let now = clock.wallTime()
        let entry = SpendLogEntry(
            requestID: requestID, callType: callType, keyHash: key.tokenHash, keyAlias: key.keyAlias, teamID: key.teamID, userID: key.userID,
            modelGroup: modelGroup, startTime: now, endTime: now, status: status, tags: Self.tags(key.tags, tags)
        )
        if !logs.enqueue(entry) {
            metrics.increment(GatewayMetrics.spendLogsDropped, [:])
        }
    }
}
