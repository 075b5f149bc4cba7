/// A deployment's `model_info`: its price and limits, for cost tracking and `/v1/models`.
///
/// Costs are USD per token (and per image, character, second, query or page), as in LiteLLM. Keys the gateway does not interpret stay in `extra`.
public struct ModelInfo: Sendable {
    /// `model_info.id`, the deployment's stable id when the user gives one.
    public var id: String?
    public var inputCostPerToken: Double?
    public var outputCostPerToken: Double?
    public var cacheReadInputTokenCost: Double?
    public var cacheCreationInputTokenCost: Double?
    /// `model_info.billing_multiplier`: what every priced unit is multiplied by before it is
    /// charged (a reseller's markup on list prices); greater than 0, 1 when unset.
    public var billingMultiplier: Double
    /// `model_info.batch_discount`: the share of the price a batch line pays (0.5 is half
    /// price), over 0 and at most 1; 1 when unset. Only lines of the Batch API get it.
    public var batchDiscount: Double = 1
    /// Prices of the units that are not tokens: images, characters, seconds, queries, pages.
    public var unitPrices: UnitPrices
    public var maxTokens: Int?
    public var maxInputTokens: Int?
    public var maxOutputTokens: Int?
    /// `chat`, `completion`, `embedding`, …
    public var mode: String?
    /// The model whose price and limits apply, when the deployment's own name is an alias.
    public var baseModel: String?
    /// Every other `model_info` key, as written.
    public var extra: [String: JSONValue]

    public init(
        id: String? = nil,
        inputCostPerToken: Double? = nil,
        outputCostPerToken: Double? = nil,
        cacheReadInputTokenCost: Double? = nil,
        cacheCreationInputTokenCost: Double? = nil,
        billingMultiplier: Double = 1,
        unitPrices: UnitPrices = UnitPrices(),
        maxTokens: Int? = nil,
        maxInputTokens: Int? = nil,
        maxOutputTokens: Int? = nil,
        mode: String? = nil,
        baseModel: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.inputCostPerToken = inputCostPerToken
        self.outputCostPerToken = outputCostPerToken
        self.cacheReadInputTokenCost = cacheReadInputTokenCost
        self.cacheCreationInputTokenCost = cacheCreationInputTokenCost
        self.billingMultiplier = billingMultiplier
        self.unitPrices = unitPrices
        self.maxTokens = maxTokens
        self.maxInputTokens = maxInputTokens
        self.maxOutputTokens = maxOutputTokens
        self.mode = mode
        self.baseModel = baseModel
        self.extra = extra
    }
}
