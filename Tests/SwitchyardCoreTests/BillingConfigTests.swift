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
}
