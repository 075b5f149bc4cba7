/// The OpenAI-surface operations the gateway proxies.
public enum Endpoint: String, Sendable, CaseIterable {
    case chatCompletions = "chat/completions"
    case completions
    case embeddings

    /// The path below an OpenAI-style base URL (`/chat/completions`).
    public var path: String { "/" + rawValue }

    /// Members a request must carry, besides `model`.
    var requiredMembers: [String] {
        switch self {
        case .chatCompletions: ["messages"]
        case .completions: ["prompt"]
        case .embeddings: ["input"]
        }
    }

    /// Whether responses can stream.
    public var canStream: Bool { self != .embeddings }
}
