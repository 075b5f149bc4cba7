import SwitchyardCore
import Testing

/// The billing multiplier is applied once, to the list cost of every unit a request used,
/// and to the estimate held against a budget before it runs.
@Suite struct BillingMultiplierTests {
    static let prices = ModelInfo(
        inputCostPerToken: 1, outputCostPerToken: 10, cacheReadInputTokenCost: 0.1, cacheCreationInputTokenCost: 2, billingMultiplier: 2.5
    )

    @Test func everyPricedUnitIsMultiplied() throws {
        // 10 uncached, 90 cached and 5 written prompt tokens; 7 out, 3 of them reasoning.
        var usage = Usage(
            promptTokens: 105, completionTokens: 7, promptTokensDetails: .init(cachedTokens: 90),
            completionTokensDetails: .init(reasoningTokens: 3)
        )
        usage.extra["cache_creation_input_tokens"] = .number(5)
        let charge = try #require(CostCalculator.charge(of: usage, modelInfo: Self.prices))
        let uncached: Double = 10 * 1
        let cached: Double = 90 * 0.1
        let written: Double = 5 * 2
        let output: Double = 7 * 10
        let list = uncached + cached + written + output
        #expect(abs(charge.listCost - list) < 1e-9)
        #expect(charge.multiplier == 2.5)
        #expect(abs(charge.cost - list * 2.5) < 1e-9)
        #expect(CostCalculator.cost(of: usage, modelInfo: Self.prices) == charge.cost)
    }

    @Test func theEstimateHeldAgainstABudgetIsMultipliedToo() {
        var single = Self.prices
        single.billingMultiplier = 1
        let list = CostCalculator.estimate(bodyBytes: 400, maxTokens: 20, modelInfo: single)
        #expect(list == 100 * 1 + 20 * 10)
        #expect(CostCalculator.estimate(bodyBytes: 400, maxTokens: 20, modelInfo: Self.prices) == list * 2.5)
    }

    @Test func aModelWithNoPriceHasNoChargeWhateverItsMultiplier() {
        let unpriced = ModelInfo(billingMultiplier: 3)
        #expect(CostCalculator.charge(of: Usage(promptTokens: 5, completionTokens: 5), modelInfo: unpriced) == nil)
        #expect(CostCalculator.estimate(bodyBytes: 400, maxTokens: 20, modelInfo: unpriced) == 0)
    }

    @Test func aWildcardDeploymentIsPricedForTheModelEachRequestNames() throws {
        let result = ConfigLoader.load(
            yaml: """
                model_list:
                  - model_name: "family/*"
                    litellm_params: {model: "openai/*", api_key: k}
                    model_info: {billing_multiplier: 2}
                  - model_name: "fixed/*"
                    litellm_params: {model: "openai/*", api_key: k}
                    model_info: {input_cost_per_token: 0.5, output_cost_per_token: 1}
                """,
            environment: [:]
        )
        let registry = ModelRegistry(config: try #require(result.config))
        let listed = try #require(registry.resolve("family/gpt-4o-2024-08-06")?.candidates.first?.deployment.modelInfo)
        #expect(listed.inputCostPerToken == 2.5e-6 && listed.outputCostPerToken == 1e-5)
        #expect(listed.billingMultiplier == 2)
        #expect(registry.resolve("family/my-own-model")?.candidates.first?.deployment.modelInfo.hasPrice == false)
        let configured = try #require(registry.resolve("fixed/gpt-4o")?.candidates.first?.deployment.modelInfo)
        #expect(configured.inputCostPerToken == 0.5, "a configured price wins over the table")
    }
}
