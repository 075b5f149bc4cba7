/// A team (`/team/new`): a budget and limits shared by every key issued to it.
public struct Team: Sendable, Hashable {
    public var teamID: String
    public var teamAlias: String?
    /// Model groups the team's keys may call; empty means every model.
    public var models: [String]
    public var limits: BudgetLimits
    public var spend: Double
    public var metadata: [String: JSONValue]
    public var blocked: Bool
    /// Bytes of files this holder may keep (`max_storage_bytes`); nil leaves a key to
    /// `general_settings.default_storage_limit_mb` and a team unlimited.
    public var maxStorageBytes: Int64?
    public var createdAt: Double

    public init(
        teamID: String,
        teamAlias: String? = nil,
        models: [String] = [],
        limits: BudgetLimits = BudgetLimits(),
        spend: Double = 0,
        metadata: [String: JSONValue] = [:],
        blocked: Bool = false,
        maxStorageBytes: Int64? = nil,
        createdAt: Double
    ) {
        self.teamID = teamID
        self.teamAlias = teamAlias
        self.models = models
        self.limits = limits
        self.spend = spend
        self.metadata = metadata
        self.blocked = blocked
        self.maxStorageBytes = maxStorageBytes
        self.createdAt = createdAt
    }
}
