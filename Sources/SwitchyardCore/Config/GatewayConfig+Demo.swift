extension GatewayConfig {
    /// The config `switchyard serve` runs with when none is given: three mock models.
    ///
    /// `mock`, `gpt-4o-mini` and `claude-sonnet-4-5`, all answered by the built-in mock
    /// provider, priced so that spend tracking shows nonzero numbers; no master key.
    public static func demo() -> GatewayConfig {
        let models: [(name: String, upstream: String, input: Double, output: Double)] = [
            ("mock", "switchyard-mock", 0.000_000_15, 0.000_000_6),
            ("gpt-4o-mini", "gpt-4o-mini", 0.000_000_15, 0.000_000_6),
            ("claude-sonnet-4-5", "claude-sonnet-4-5", 0.000_003, 0.000_015),
        ]
        let deployments = models.map { model in
            var info = ModelInfo()
            info.inputCostPerToken = model.input
            info.outputCostPerToken = model.output
            return Deployment(
                modelName: model.name,
                provider: .mock,
                upstreamModel: model.upstream,
                litellmModel: "mock/\(model.upstream)",
                modelInfo: info
            )
        }
        return GatewayConfig(deployments: deployments)
    }
}
