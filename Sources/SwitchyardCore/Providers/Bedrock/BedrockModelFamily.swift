/// The model families whose Converse requests differ.
enum BedrockModelFamily {
    case anthropic
    case nova
    case other

    /// The family of a model id, inference profile (`us.anthropic.…`) or ARN that names one.
    init(modelID: String) {
        let id = modelID.lowercased()
        if id.contains("anthropic.") || id.contains("claude") {
            self = .anthropic
        } else if id.contains("amazon.nova") {
            self = .nova
        } else {
            self = .other
        }
    }
}
