import Yams

extension ConfigReader {
    /// `similarity_threshold` and the embedding model (`semantic_cache_embedding_model`, or
    /// LiteLLM's other spelling `redis_semantic_cache_embedding_model`); nil when neither is
    /// set and the type does not ask for them.
    ///
    /// As in LiteLLM, the threshold is required and the model defaults to
    /// `text-embedding-ada-002`; the model must be a model group of `model_list`, which
    /// `checkCacheReferences` verifies once the whole document is read.
    mutating func readSemanticCache(_ fields: [ConfigEntry], required: Bool, params: ConfigEntry, maxEntries: Int) -> SemanticCacheSettings? {
        guard required || !fields.isEmpty else { return nil }
        var threshold: Double?
        var model: (name: String, entry: ConfigEntry)?
        for field in fields {
            switch field.key {
            case "similarity_threshold":
                guard let value = number(field.value, at: field.path, .positive) else { continue }
                if value > 1 {
                    error(field.path, "must be a cosine similarity in (0, 1]", at: field.value)
                } else {
                    threshold = value
                }
            default:
                guard let name = string(field.value, at: field.path), !name.isEmpty else { continue }
                if let earlier = model, earlier.name != name {
                    error(field.path, "names \(name), but \(earlier.entry.path) names \(earlier.name)", at: field.value)
                }
                model = model ?? (name, field)
            }
        }
        guard let threshold else {
            if !fields.contains(where: { $0.key == "similarity_threshold" }) {
                error(params.path.key("similarity_threshold"), "required for semantic caching (a cosine similarity such as 0.95)", at: params.keyNode)
            }
            return nil
        }
        let name = model?.name ?? SemanticCacheSettings.liteLLMDefaultEmbeddingModel
        semanticCacheModel = ModelReference(
            name: name, role: .cacheEmbeddingModel(defaulted: model == nil), node: model?.entry.value ?? params.keyNode,
            path: model?.entry.path ?? params.path.key("semantic_cache_embedding_model")
        )
        return SemanticCacheSettings(similarityThreshold: threshold, embeddingModel: name, maxEntries: maxEntries)
    }

    /// The semantic cache's embedding model must be a model group the gateway can route to.
    mutating func checkCacheReferences(_ config: GatewayConfig) {
        guard let reference = semanticCacheModel else { return }
        let names = ModelNameSet(deployments: config.deployments, aliases: config.router.modelGroupAlias)
        if !names.contains(reference.name) { error(reference.path, reference.message, at: reference.node) }
    }
}
