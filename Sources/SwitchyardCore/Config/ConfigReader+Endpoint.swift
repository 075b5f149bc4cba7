import Foundation
import Yams

extension ConfigReader {
    /// Fills in `apiBase`, `apiKey`, `apiVersion` and AWS settings from the config, the
    /// environment and the provider's defaults, so nothing downstream reads the environment.
    mutating func resolveEndpoint(
        of deployment: inout Deployment, givenBase: (value: String, node: Node)?, keyWritten: Bool, params: ConfigEntry
    ) {
        let provider = deployment.provider
        let basePath = params.path.key("api_base")
        var baseIsCustom = true
        if provider == .mock {
            if let givenBase { warning(basePath, "not used by mock models, ignored", at: givenBase.node) }
            deployment.apiBase = nil
        } else if let givenBase {
            deployment.apiBase = Self.normalizedURL(givenBase.value, for: provider)
            if deployment.apiBase == nil { error(basePath, "not a URL", at: givenBase.node) }
        } else if let variable = provider.apiBaseEnvironmentVariables.first(where: { environment[$0]?.isEmpty == false }),
            let value = environment[variable]
        {
            deployment.apiBase = Self.normalizedURL(value, for: provider)
            if deployment.apiBase == nil { error(basePath, "\(variable) is not a URL", at: params.value) }
        } else if let base = provider.defaultAPIBase {
            deployment.apiBase = base
            baseIsCustom = false
        } else if let variable = provider.apiBaseEnvironmentVariable {
            error(basePath, "required for \(provider.prefix) models (or set \(variable))", at: params.value)
        }

        if deployment.apiKey == nil, let variable = provider.apiKeyEnvironmentVariable {
            deployment.apiKey = environment[variable]
            if deployment.apiKey == nil, !keyWritten, !baseIsCustom, provider.requiresAPIKey {
                warning(params.path.key("api_key"), "missing, and \(variable) is not set", at: params.value)
            }
        }
        if provider == .azure, deployment.apiVersion == nil {
            deployment.apiVersion = environment["AZURE_API_VERSION"] ?? "2024-10-21"
        }
        if provider == .bedrock {
            resolveAWSSettings(of: &deployment, params: params)
        }
    }

    /// AWS credentials and region from LiteLLM's environment variables, where the config has none.
    private mutating func resolveAWSSettings(of deployment: inout Deployment, params: ConfigEntry) {
        let fallbacks: [(param: String, variables: [String])] = [
            ("aws_access_key_id", ["AWS_ACCESS_KEY_ID"]),
            ("aws_secret_access_key", ["AWS_SECRET_ACCESS_KEY"]),
            ("aws_session_token", ["AWS_SESSION_TOKEN"]),
            ("aws_region_name", ["AWS_REGION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION"]),
        ]
        let environment = environment
        for (param, variables) in fallbacks where deployment.extraParams[param] == nil {
            if let value = variables.lazy.compactMap({ environment[$0] }).first {
                deployment.extraParams[param] = .string(value)
            }
        }
        let hasEndpoint = deployment.apiBase != nil || deployment.extraParams["aws_bedrock_runtime_endpoint"] != nil
        if deployment.extraParams["aws_region_name"] == nil, !hasEndpoint {
            warning(params.path.key("aws_region_name"), "missing, and AWS_REGION is not set", at: params.value)
        }
    }

    /// An http(s) URL without trailing slashes; ollama bases get the `/v1` the OpenAI API needs.
    static func normalizedURL(_ text: String, for provider: ProviderKind) -> String? {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let components = URLComponents(string: trimmed),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return nil }
        if provider == .ollama, components.query == nil, !components.path.hasSuffix("/v1") {
            trimmed += "/v1"
        }
        return trimmed
    }
}
