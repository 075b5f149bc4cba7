import Hummingbird
import SwitchyardCore

/// Prepaid balances: a budget with no reset is a balance, and a top-up adds to it.
///
/// The store adds the amount in one `UPDATE … SET max_budget = COALESCE(max_budget, 0) + $1`,
/// so top-ups sent to several replicas at once all land; the replica that served one sees
/// the new budget at once, the others at their next sync.
extension AdminRoutes {
    /// The most one top-up may add, in USD: far past any real payment, and far enough from
    /// a double's range that sums of top-ups stay finite.
    static let maxTopUp = 1e12

    /// `/key/topup`: `{"key": <the key, its hash or token>, "amount": USD}`.
    func topUpKey(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let fields = try await fields(request)
        let hash = try requiredKeyReference(fields)
        let amount = try Self.topUpAmount(fields)
        let balance = try await topUp(.key(hash), by: amount, missing: GatewayError(.notFound, "No such key.", param: "key", code: "key_not_found"))
        let spend = governance.ledger.key(hash: hash)?.spend ?? balance.spend
        return try Self.json(["token": .string(hash), "amount": .number(amount), "max_budget": .number(balance.maxBudget), "spend": .number(spend)])
    }

    /// `/team/topup`: `{"team_id": …, "amount": USD}`.
    func topUpTeam(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let fields = try await fields(request)
        guard let teamID = try fields.string("team_id"), !teamID.isEmpty else {
            throw GatewayError(.invalidRequest, "Pass the team as \"team_id\".", param: "team_id", code: "invalid_request")
        }
        let amount = try Self.topUpAmount(fields)
        let balance = try await topUp(.team(teamID), by: amount, missing: GatewayError(.notFound, "No such team.", param: "team_id", code: "team_not_found"))
        let spend = governance.ledger.team(id: teamID)?.spend ?? balance.spend
        return try Self.json(["team_id": .string(teamID), "amount": .number(amount), "max_budget": .number(balance.maxBudget), "spend": .number(spend)])
    }

    /// Adds `amount` to `entity`'s budget in the store, then here.
    private func topUp(_ entity: GovernedEntity, by amount: Double, missing: GatewayError) async throws -> BudgetBalance {
        let balance = try await storing { try await governance.store.raiseBudget(of: entity, by: amount) }
        guard let balance else { throw missing }
        governance.ledger.raiseBudget(of: entity, to: balance.maxBudget)
        return balance
    }

    /// `amount`: USD, a number greater than 0 (a refund is `/key/update` with a lower `max_budget`).
    static func topUpAmount(_ fields: AdminFields) throws -> Double {
        guard let value = fields.object["amount"], !value.isNull else {
            throw GatewayError(.invalidRequest, "Pass the amount to add, in USD, as \"amount\".", param: "amount", code: "invalid_request")
        }
        guard let amount = value.numberValue, amount > 0, amount <= maxTopUp else {
            throw AdminFields.wrongType("amount", "a number of USD greater than 0 and at most \(CostCalculator.format(maxTopUp))")
        }
        return amount
    }
}
