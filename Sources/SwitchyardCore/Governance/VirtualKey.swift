/// A virtual key as stored: never the secret itself, only its SHA-256 (`tokenHash`).
public struct VirtualKey: Sendable, Hashable {
    /// Hex SHA-256 of the secret; the key's identity everywhere.
    public var tokenHash: String
    /// The secret's first and last characters (`sk-...a1b2`), safe to show and log.
    public var keyName: String
    public var keyAlias: String?
    /// Model groups this key may call; empty means every model.
    public var models: [String]
    public var limits: BudgetLimits
    /// USD spent in the current budget period.
    public var spend: Double
    /// Unix seconds after which the key no longer works.
    public var expiresAt: Double?
    public var teamID: String?
    public var userID: String?
    public var tags: [String]
    public var metadata: [String: JSONValue]
    public var blocked: Bool
    /// Bytes of files this holder may keep (`max_storage_bytes`); nil leaves a key to
    /// `general_settings.default_storage_limit_mb` and a team unlimited.
    public var maxStorageBytes: Int64?
    public var createdAt: Double
    public var updatedAt: Double

    public init(
        tokenHash: String,
        keyName: String,
        keyAlias: String? = nil,
        models: [String] = [],
        limits: BudgetLimits = BudgetLimits(),
        spend: Double = 0,
        expiresAt: Double? = nil,
        teamID: String? = nil,
        userID: String? = nil,
        tags: [String] = [],
        metadata: [String: JSONValue] = [:],
        blocked: Bool = false,
        maxStorageBytes: Int64? = nil,
        createdAt: Double,
        updatedAt: Double? = nil
    ) {
        self.tokenHash = tokenHash
        self.keyName = keyName
        self.keyAlias = keyAlias
        self.models = models
        self.limits = limits
        self.spend = spend
        self.expiresAt = expiresAt
        self.teamID = teamID
        self.userID = userID
        self.tags = tags
        self.metadata = metadata
        self.blocked = blocked
        self.maxStorageBytes = maxStorageBytes
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}
