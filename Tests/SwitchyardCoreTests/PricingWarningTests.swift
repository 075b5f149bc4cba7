import SwitchyardCore
import Testing

/// The warnings `check-config` adds for models no price covers.
@Suite struct PricingWarningTests {
    private func load(_ yaml: String) -> ConfigLoadResult {
        ConfigLoader.load(yaml: yaml, environment: [:])
    }

    @Test func checkConfigWarnsForEveryModelGroupNoPriceCovers() throws {
        let config = try #require(load(
            """
            model_list:
              - model_name: listed
                litellm_params: {model: openai/gpt-4o-2024-08-06, api_key: k}
              - model_name: local
                litellm_params: {model: mock/llama}
              - model_name: priced
                litellm_params: {model: mock/llama}
                model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0}
              - model_name: "deepseek/*"
                litellm_params: {model: "deepseek/*", api_key: k}
              - model_name: mixed
                litellm_params: {model: openai/gpt-4o, api_key: k}
              - model_name: mixed
                litellm_params: {model: mock/m, api_key: k}
              - model_name: local
                litellm_params: {model: mock/llama-2}
              - model_name: aliased
                litellm_params: {model: mock/llama}
                model_info: {base_model: claude-haiku-4-5}
            """
        ).config)
        #expect(config.pricingWarnings.map(\.description) == [
            #"model_list[1].model_info: model group "local" has no price (set input_cost_per_token and output_cost_per_token, or base_model); a budget cannot hold back a model whose cost is zero"#,
            #"model_list[3].model_info: model group "deepseek/*" has no price of its own, so only the models the built-in price table lists are costed; a budget cannot hold back a model whose cost is zero"#,
            #"model_list[5].model_info: deployment "mock/m" of model group "mixed" has no price; a budget cannot hold back a model whose cost is zero"#,
        ])
        #expect(config.pricingWarnings.allSatisfy { $0.severity == .warning })
    }
}
