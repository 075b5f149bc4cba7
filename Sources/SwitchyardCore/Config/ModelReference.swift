import Yams

/// A model name written in a settings section, checked against `model_list` once it is read.
struct ModelReference {
    enum Role {
        case fallbackSource, fallbackTarget, aliasTarget
        /// The semantic cache's embedding model, as written or (`defaulted`) LiteLLM's default.
        case cacheEmbeddingModel(defaulted: Bool)
    }

    var name: String
    var role: Role
    var node: Node
    var path: ConfigPath

    /// The warning when `name` is not a model name.
    var message: String {
        switch role {
        case .fallbackSource: "\(name) is not a model_name in model_list"
        case .fallbackTarget: "fallback target \(name) is not a model_name in model_list"
        case .aliasTarget: "alias target \(name) is not a model_name in model_list"
        case .cacheEmbeddingModel(let defaulted):
            "\(name)\(defaulted ? " (LiteLLM's default embedding model)" : "") is not a model_name in model_list"
        }
    }
}
