import SwitchyardCore
import Testing

/// `model_info.billing_multiplier` and `general_settings.credits_per_usd`: read, and
/// validated with the exact line `check-config` prints.
@Suite struct BillingConfigTests {
    private func load(_ yaml: String) -> ConfigLoadResult {
        ConfigLoader.load(yaml: yaml, environment: ["MULTIPLIER": "1.5"])
    }

    @Test func aMultiplierIsReadOnAnyEntryWildcardsIncludedAndDefaultsToOne() throws {
        let config = try #require(load(
            """
            model_list:
              - model_name: plain
                litellm_params: {model: openai/gpt-4o, api_key: k}
              - model_name: doubled
                litellm_params: {model: openai/gpt-4o, api_key: k}
                model_info: {billing_multiplier: 2}
              - model_name: "deepseek/*"
                litellm_params: {model: "deepseek/*", api_key: k}
                model_info: {billing_multiplier: "0.5"}
              - model_name: from-env
                litellm_params: {model: openai/gpt-4o, api_key: k}
                model_info: {billing_multiplier: os.environ/MULTIPLIER}
            general_settings:
              credits_per_usd: 1000
            """
        ).config)
        #expect(config.deployments.map(\.modelInfo.billingMultiplier) == [1, 2, 0.5, 1.5])
        #expect(config.general.creditsPerUSD == 1000)
        #expect(GatewayConfig().general.creditsPerUSD == 1)
    }

    @Test(arguments: ["0", "-2", "lots", "[2]"])
    func aMultiplierMustBeAPositiveNumber(value: String) {
        let result = load(
            """
            model_list:
              - model_name: a
                litellm_params: {model: mock/a}
              - model_name: b
                litellm_params: {model: mock/b}
              - model_name: c
                litellm_params: {model: mock/c}
                model_info:
                  billing_multiplier: \(value)
            general_settings:
              credits_per_usd: \(value)
            """
        )
        let expected = value == "[2]" ? "expected a string" : "must be a positive number"
        #expect(result.problems.map(\.description) == [
            "model_list[2].model_info.billing_multiplier: \(expected)",
            "general_settings.credits_per_usd: \(expected)",
        ])
        #expect(result.config == nil)
    }

    @Test func aBatchDiscountIsAShareOfThePriceAtMostOne() throws {
        let config = try #require(load(
            """
            model_list:
              - model_name: plain
                litellm_params: {model: mock/a}
              - model_name: half
                litellm_params: {model: mock/a}
                model_info: {batch_discount: 0.5, billing_multiplier: 2}
            general_settings:
              batch_concurrency: 3
              batch_lease_seconds: 5
              batch_poll_interval: 0.5
            """
        ).config)
        #expect(config.deployments.map(\.modelInfo.batchDiscount) == [1, 0.5])
        #expect(config.deployments.map(\.modelInfo.billingMultiplier) == [1, 2])
        #expect(config.general.batches.concurrency == 3)
        #expect(config.general.batches.leaseSeconds == 5)
        #expect(config.general.batches.pollInterval == 0.5)
        #expect(GatewayConfig().general.batches == BatchSettings())
        let refused = load(
            """
            model_list:
              - model_name: a
                litellm_params: {model: mock/a}
                model_info: {batch_discount: 1.5}
              - model_name: b
                litellm_params: {model: mock/b}
                model_info: {batch_discount: 0}
            general_settings:
              batch_concurrency: 0
            """
        )
        #expect(refused.problems.map(\.description) == [
            "model_list[0].model_info.batch_discount: must be at most 1 (the share of the price a batch line pays)",
            "model_list[1].model_info.batch_discount: must be a positive number",
            "general_settings.batch_concurrency: must be 1 or more",
        ])
    }
}
