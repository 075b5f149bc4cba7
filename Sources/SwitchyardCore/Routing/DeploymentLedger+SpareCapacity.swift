extension DeploymentLedger {
    /// Seconds until one of `candidates` has room for another request without panic mode:
    /// 0 when one is neither cooling down nor at its `rpm`/`tpm` for this minute, else the
    /// soonest a cooldown ends or a minute turns. Batch lines wait for this; interactive
    /// requests never do (they fall back to panic mode instead).
    public func secondsUntilSpareCapacity(_ candidates: [RouteTarget.Candidate]) -> Double {
        guard !candidates.isEmpty else { return 0 }
        let now = self.now
        let nextMinute = Double(Int(now / 60) + 1) * 60 - now
        var soonest = Double.infinity
        for (candidate, state) in zip(candidates, states(candidates.map(\.key))) {
            let deployment = candidate.deployment
            var wait = max(0, state.cooldownUntil - now)
            let atRPM = deployment.rpm.map { state.requestsThisMinute >= $0 } ?? false
            let atTPM = deployment.tpm.map { state.tokensThisMinute >= $0 } ?? false
            if atRPM || atTPM { wait = max(wait, nextMinute) }
            guard wait > 0 else { return 0 }
            soonest = min(soonest, wait)
        }
        return soonest
    }
}
