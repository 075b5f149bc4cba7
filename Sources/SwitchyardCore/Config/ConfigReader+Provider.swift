import Yams

extension ConfigReader {
    /// The provider and upstream id of `litellm_params.model`, honouring `custom_llm_provider`.
    mutating func readProvider(
        _ model: String, entry: ConfigEntry, modelName: String, fields: [ConfigEntry]
    ) -> (ProviderKind, String)? {
        var parsed = ProviderKind.parse(litellmModel: model)
        if let custom = fields.first(where: { $0.key == "custom_llm_provider" }),
            let name = string(custom.value, at: custom.path)
        {
            guard let kind = ProviderKind(rawValue: name) ?? ProviderKind.prefixAliases[name] else {
                error(custom.path, "unknown provider \"\(name)\"; supported: \(Self.supportedProviders)", at: custom.value)
                return nil
            }
            let prefix = "\(name)/"
            parsed = (kind, model.hasPrefix(prefix) ? String(model.dropFirst(prefix.count)) : model)
        }
        guard let (provider, upstream) = parsed else {
            let prefix = model.prefix { $0 != "/" }
            error(entry.path, "unknown provider prefix \"\(prefix)/\"; supported prefixes: \(Self.supportedPrefixes)", at: entry.value)
            return nil
        }
        guard !upstream.isEmpty else {
            error(entry.path, "missing the model id after \"\(provider.prefix)/\"", at: entry.value)
            return nil
        }
        if upstream.contains("*"), !modelName.contains("*") {
            error(entry.path, "a wildcard model needs a wildcard model_name such as \"\(provider.prefix)/*\"", at: entry.value)
            return nil
        }
        if !model.contains("/"), provider == .openai, !fields.contains(where: { $0.key == "custom_llm_provider" }) {
            warnIfLikelyMisrouted(model, entry: entry)
        }
        return (provider, upstream)
    }

    /// LiteLLM infers Anthropic and Gemini from bare ids; the gateway sends bare ids to OpenAI, so say so.
    private mutating func warnIfLikelyMisrouted(_ model: String, entry: ConfigEntry) {
        for (start, provider) in [("claude", ProviderKind.anthropic), ("gemini", .gemini)] where model.hasPrefix(start) {
            warning(
                entry.path,
                "no provider prefix, so this is sent to OpenAI; write \(provider.prefix)/\(model) for \(provider.prefix)",
                at: entry.value
            )
        }
    }

    static var supportedPrefixes: String {
        ProviderKind.allCases.map { "\($0.prefix)/" }.joined(separator: ", ")
    }

    static var supportedProviders: String {
        ProviderKind.allCases.map(\.prefix).joined(separator: ", ")
    }
}
