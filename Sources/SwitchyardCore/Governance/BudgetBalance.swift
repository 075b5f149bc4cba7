/// A budget as the store holds it right after a top-up: what may be spent and what has been.
public struct BudgetBalance: Sendable, Hashable {
    /// USD; a prepaid balance is a budget with no reset, so this is what was ever paid in.
    public var maxBudget: Double
    /// USD spent, as the store holds it (replicas add theirs every sync interval).
    public var spend: Double

    public init(maxBudget: Double, spend: Double) {
        self.maxBudget = maxBudget
        self.spend = spend
    }
}
