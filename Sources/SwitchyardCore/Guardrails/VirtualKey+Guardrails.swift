extension VirtualKey {
    /// The guardrails this key always runs: `metadata.guardrails`, where LiteLLM's
    /// `/key/generate` stores them.
    public var guardrails: [String] {
        metadata["guardrails"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
