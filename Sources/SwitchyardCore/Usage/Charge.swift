/// What one request costs: the list price of what it used, the model's billing multiplier,
/// and what the caller is charged.
///
/// The multiplier is applied here and nowhere else, so every priced unit (tokens today;
/// images, seconds or characters when they are priced) is marked up the same way before it is
/// held against a budget, charged, logged and reported.
public struct Charge: Sendable, Hashable {
    /// USD at the provider's list price (`model_info` costs or the built-in table).
    public var listCost: Double
    /// `model_info.billing_multiplier` of the deployment that answered (1 when unset).
    public var multiplier: Double

    public init(listCost: Double, multiplier: Double = 1) {
        self.listCost = listCost
        self.multiplier = multiplier
    }

    /// The list cost priced with `modelInfo`'s multiplier.
    public init(listCost: Double, modelInfo: ModelInfo) {
        self.init(listCost: listCost, multiplier: modelInfo.billingMultiplier)
    }

    /// The same list cost at `factor` of the price: a batch line at `batch_discount`. The
    /// factor joins the multiplier, so `cost` stays `listCost × multiplier` wherever it is read.
    public func discounted(by factor: Double) -> Charge {
        Charge(listCost: listCost, multiplier: multiplier * factor)
    }

    /// A request that cost nothing (or whose price is unknown).
    public static let zero = Charge(listCost: 0)

    /// USD charged: spend, budgets and reports count this.
    public var cost: Double { listCost * multiplier }
}
