/// One proxied request as the spend log keeps it (LiteLLM's `LiteLLM_SpendLogs` row).
public struct SpendLogEntry: Sendable, Hashable {
    public var requestID: String
    /// `chat/completions`, `messages`, `generateContent`…
    public var callType: String
    /// Hash of the virtual key that paid, or nil (master key, open gateway).
    public var keyHash: String?
    public var keyAlias: String?
    public var teamID: String?
    public var userID: String?
    /// The model group the client asked for.
    public var modelGroup: String
    /// The deployment (`model_info.id` or litellm model) that answered.
    public var model: String?
    public var provider: String?
    /// USD charged: the list cost times the billing multiplier. Budgets and reports count this.
    public var spend: Double
    /// USD at the provider's list price, before the billing multiplier.
    public var listCost: Double
    /// The answering deployment's `model_info.billing_multiplier` (1 when unset).
    public var billingMultiplier: Double
    /// False when the answering model had no price for what the request used: the row's
    /// zero spend means "unknown", not "free".
    public var costKnown: Bool
    /// What the request used besides tokens (`{"images":2,"image_size":"1024x1024"}`), as JSON.
    public var units: String?
    /// Answered from the response cache: no upstream call, nothing charged.
    public var cacheHit: Bool
    /// For a cache hit, USD the answer would have cost at the model's list price and
    /// multiplier (its stored tokens, priced now).
    public var savedCost: Double
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int
    /// Unix seconds.
    public var startTime: Double
    public var endTime: Double
    public var status: Int
    public var tags: [String]

    public init(
        requestID: String,
        callType: String,
        keyHash: String? = nil,
        keyAlias: String? = nil,
        teamID: String? = nil,
        userID: String? = nil,
        modelGroup: String,
        model: String? = nil,
        provider: String? = nil,
        spend: Double = 0,
        listCost: Double? = nil,
        billingMultiplier: Double = 1,
        costKnown: Bool = true,
        units: String? = nil,
        cacheHit: Bool = false,
        savedCost: Double = 0,
        promptTokens: Int = 0,
        completionTokens: Int = 0,
        totalTokens: Int? = nil,
        startTime: Double,
        endTime: Double,
        status: Int,
        tags: [String] = []
    ) {
        self.requestID = requestID
        self.callType = callType
        self.keyHash = keyHash
        self.keyAlias = keyAlias
        self.teamID = teamID
        self.userID = userID
        self.modelGroup = modelGroup
        self.model = model
        self.provider = provider
        self.spend = spend
        self.listCost = listCost ?? spend
        self.billingMultiplier = billingMultiplier
        self.costKnown = costKnown
        self.units = units
        self.cacheHit = cacheHit
        self.savedCost = savedCost
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens ?? promptTokens + completionTokens
        self.startTime = startTime
        self.endTime = endTime
        self.status = status
        self.tags = tags
    }
}
