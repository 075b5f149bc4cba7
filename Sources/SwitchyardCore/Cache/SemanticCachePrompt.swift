/// What a semantic lookup compares: the text of a request's last user turn, and the bucket of
/// every request that differs from it in that text alone.
///
/// The bucket is a SHA-256, like `ResponseCacheKey`, over the namespace, the operation, the
/// model group and the canonical body with the last user turn's texts emptied: earlier turns,
/// the system prompt, tools, images and every parameter (`temperature`, `stream`…) must match
/// exactly; only the last user turn may say the same thing in other words.
public struct SemanticCachePrompt: Sendable, Equatable {
    /// The last user turn's text parts, joined by newlines.
    public let text: String
    /// The bucket's digest, in hex.
    public let bucket: String

    /// Nil when the operation is not looked up by meaning, or the request has no user text to
    /// compare (a last turn of images only, a prompt given as a list).
    public init?(body: JSONValue, operation: GatewayOperation, model: String, namespace: String?) {
        guard SemanticCacheSettings.operations.contains(operation.name), let surface = GuardrailSurface(operation: operation),
            let turn = Self.lastUserTurn(in: body, surface: surface)
        else { return nil }
        let texts = GuardrailTexts(body: body, surface: surface).texts.filter { text in
            text.path.components.starts(with: turn.components) && (text.role == .message || text.role == .prompt)
        }
        guard !texts.isEmpty else { return nil }
        self.text = texts.map(\.text).joined(separator: "\n")
        var blanked = GuardrailTexts.applying(texts.map { GuardrailText(path: $0.path, text: "", role: $0.role) }, to: body).objectValue ?? [:]
        for name in ResponseCacheKey.ignoredMembers { blanked[name] = nil }
        self.bucket = ResponseCacheKey.digest(
            tag: "switchyard-semantic-v1", operation: operation.name, model: model, canonicalBody: CanonicalJSON.encode(.object(blanked)), namespace: namespace
        )
    }

    /// Where the last user turn's content is: the last message whose role is `user` (a Gemini
    /// content without a role is the user's), a Responses `input` string, a completion's
    /// `prompt` string.
    static func lastUserTurn(in body: JSONValue, surface: GuardrailSurface) -> JSONPath? {
        let root = JSONPath()
        switch surface {
        case .chatCompletions, .anthropicMessages:
            guard let index = body["messages"]?.arrayValue?.lastIndex(where: { $0["role"]?.stringValue == "user" }) else { return nil }
            return root.key("messages").index(index).key("content")
        case .geminiGenerateContent:
            let isUser: (JSONValue) -> Bool = { ($0["role"]?.stringValue ?? "user") == "user" }
            guard let index = body["contents"]?.arrayValue?.lastIndex(where: isUser) else { return nil }
            return root.key("contents").index(index).key("parts")
        case .responses:
            if body["input"]?.stringValue != nil { return root.key("input") }
            let isUserMessage: (JSONValue) -> Bool = { item in
                (item["type"]?.stringValue ?? "message") == "message" && item["role"]?.stringValue == "user"
            }
            guard let index = body["input"]?.arrayValue?.lastIndex(where: isUserMessage) else { return nil }
            return root.key("input").index(index).key("content")
        case .completions:
            return body["prompt"]?.stringValue != nil ? root.key("prompt") : nil
        case .embeddings:
            return nil
        }
    }
}
