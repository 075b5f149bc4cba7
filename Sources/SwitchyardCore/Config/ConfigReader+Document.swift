import Yams

extension ConfigReader {
    /// Reads a whole config document; problems are recorded, the result is always a config.
    mutating func readDocument(_ root: Node) -> GatewayConfig {
        guard case .mapping = root else {
            error(.root, "expected a mapping with model_list, router_settings, … at the top level", at: root)
            return GatewayConfig()
        }
        let sections = entries(of: root, at: .root) ?? []
        // os.environ/ values anywhere may name these, so they come first whatever their position.
        for entry in sections where entry.key == "environment_variables" {
            readEnvironmentVariables(entry.value, at: entry.path)
        }
        readDefaultTrust(sections: sections)

        var config = GatewayConfig()
        var litellmShared = FallbackFields()
        var routerShared = FallbackFields()
        var references: [ModelReference] = []
        for entry in sections {
            switch entry.key {
            case "model_list":
                config.deployments = readModelList(entry.value, at: entry.path)
            case "router_settings":
                config.router = readRouterSettings(entry.value, at: entry.path, shared: &routerShared, references: &references)
            case "litellm_settings":
                config.litellm = readLiteLLMSettings(entry.value, at: entry.path, shared: &litellmShared, references: &references)
            case "general_settings":
                config.general = readGeneralSettings(entry.value, at: entry.path)
            case "guardrails":
                config.guardrails = readGuardrails(entry.value, at: entry.path)
            case "environment_variables":
                break
            case "include":
                warning(entry.path, "not supported, ignored", at: entry.keyNode)
            default:
                warning(entry.path, "unknown key, ignored", at: entry.keyNode)
            }
        }
        if !sections.contains(where: { $0.key == "model_list" }) {
            warning(.root, "no models configured", at: nil)
        }
        apply(litellmShared.overridden(by: routerShared), to: &config.router)
        let names = ModelNameSet(deployments: config.deployments, aliases: config.router.modelGroupAlias)
        for reference in references where !names.contains(reference.name) {
            warning(reference.path, reference.message, at: reference.node)
        }
        checkGuardrailReferences(config)
        checkCacheReferences(config)
        return config
    }

    private func apply(_ shared: FallbackFields, to router: inout RouterSettings) {
        router.numRetries = shared.numRetries ?? 0
        router.fallbacks = shared.fallbacks
        router.contextWindowFallbacks = shared.contextWindowFallbacks
        router.contentPolicyFallbacks = shared.contentPolicyFallbacks
        router.defaultFallbacks = shared.defaultFallbacks ?? []
    }
}
