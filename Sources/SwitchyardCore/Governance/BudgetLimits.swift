/// The spending and traffic limits a key, team or user carries; nil means unlimited.
public struct BudgetLimits: Sendable, Hashable {
    /// USD the holder may spend per budget period (or in all, without `budgetDuration`).
    public var maxBudget: Double?
    public var budgetDuration: BudgetDuration?
    /// Unix seconds at which `spend` next returns to zero.
    public var budgetResetAt: Double?
    public var rpmLimit: Int?
    public var tpmLimit: Int?
    public var maxParallelRequests: Int?

    public init(
        maxBudget: Double? = nil,
        budgetDuration: BudgetDuration? = nil,
        budgetResetAt: Double? = nil,
        rpmLimit: Int? = nil,
        tpmLimit: Int? = nil,
        maxParallelRequests: Int? = nil
    ) {
        self.maxBudget = maxBudget
        self.budgetDuration = budgetDuration
        self.budgetResetAt = budgetResetAt
        self.rpmLimit = rpmLimit
        self.tpmLimit = tpmLimit
        self.maxParallelRequests = maxParallelRequests
    }

    /// Whether any limit is set at all (an unlimited holder needs no bookkeeping).
    public var isUnlimited: Bool {
        maxBudget == nil && rpmLimit == nil && tpmLimit == nil && maxParallelRequests == nil
    }
}
