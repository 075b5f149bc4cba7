/// A user (`/user/new`): a budget and limits across all of the user's keys.
public struct GatewayUser: Sendable, Hashable {
    public var userID: String
    public var userEmail: String?
    /// `proxy_admin` users' keys may manage keys, teams and users, like the master key.
    public var userRole: String?
    public var teamID: String?
    public var models: [String]
    public var limits: BudgetLimits
    public var spend: Double
    public var metadata: [String: JSONValue]
    public var createdAt: Double

    public init(
        userID: String,
        userEmail: String? = nil,
        userRole: String? = nil,
        teamID: String? = nil,
        models: [String] = [],
        limits: BudgetLimits = BudgetLimits(),
        spend: Double = 0,
        metadata: [String: JSONValue] = [:],
        createdAt: Double
    ) {
        self.userID = userID
        self.userEmail = userEmail
        self.userRole = userRole
        self.teamID = teamID
        self.models = models
        self.limits = limits
        self.spend = spend
        self.metadata = metadata
        self.createdAt = createdAt
    }

    public var isAdmin: Bool { userRole == "proxy_admin" }
}
