/// Everything a LiteLLM-format `config.yaml` configures, resolved and validated.
///
/// Build one with `ConfigLoader`, or `demo()` when there is no config at all.
public struct GatewayConfig: Sendable {
    /// The `model_list` entries, in document order.
    public var deployments: [Deployment]
    public var router: RouterSettings
    public var litellm: LiteLLMSettings
    public var general: GeneralSettings
    /// The `guardrails` list, in document order; names are unique.
    public var guardrails: [GuardrailDefinition]

    public init(
        deployments: [Deployment] = [],
        router: RouterSettings = RouterSettings(),
        litellm: LiteLLMSettings = LiteLLMSettings(),
        general: GeneralSettings = GeneralSettings(),
        guardrails: [GuardrailDefinition] = []
    ) {
        self.guardrails = guardrails
        self.deployments = deployments
        self.router = router
        self.litellm = litellm
        self.general = general
    }
}
