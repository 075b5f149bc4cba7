import SwitchyardCore

extension BudgetLimits {
    /// Reads `max_budget, budget_duration, budget_reset_at, rpm_limit, tpm_limit,
    /// max_parallel_requests`, the run of columns keys, teams and users share.
    ///
    /// A duration this build cannot parse reads as none rather than failing the whole load.
    static func read(from reader: inout RowReader) throws -> BudgetLimits {
        let maxBudget = try reader.next(Double?.self)
        let duration = try reader.next(String?.self)
        let resetAt = try reader.next(Double?.self)
        let rpm = try reader.next(Int?.self)
        let tpm = try reader.next(Int?.self)
        let parallel = try reader.next(Int?.self)
        return BudgetLimits(
            maxBudget: maxBudget,
            budgetDuration: duration.flatMap { BudgetDuration($0) },
            budgetResetAt: resetAt,
            rpmLimit: rpm,
            tpmLimit: tpm,
            maxParallelRequests: parallel
        )
    }
}
