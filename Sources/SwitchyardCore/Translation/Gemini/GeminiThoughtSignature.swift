/// Where a Gemini `thoughtSignature` lives on the OpenAI side.
///
/// Google's own OpenAI-compatible endpoint returns it on each tool call as
/// `"extra_content": {"google": {"thought_signature": "…"}}`, and OpenAI clients that support
/// Gemini (Codex, openai-php, RubyLLM…) already echo that member back, so the gateway uses the
/// same place: on a tool call (or tool-call delta) for a `functionCall` part's signature, and on
/// the message (or delta) for a text part's. Reading also accepts LiteLLM's
/// `provider_specific_fields.thought_signature` and a bare `thought_signature`.
enum GeminiThoughtSignature {
    /// The signature carried in an OpenAI object's unknown members, if any.
    static func read(from extra: [String: JSONValue]) -> String? {
        extra["extra_content"]?["google"]?["thought_signature"]?.stringValue
            ?? extra["provider_specific_fields"]?["thought_signature"]?.stringValue
            ?? extra["thought_signature"]?.stringValue
    }

    /// Stores `signature` (when there is one) as `extra_content.google.thought_signature`.
    static func write(_ signature: String?, into extra: inout [String: JSONValue]) {
        guard let signature else { return }
        var content = extra["extra_content"]?.objectValue ?? [:]
        var google = content["google"]?.objectValue ?? [:]
        google["thought_signature"] = .string(signature)
        content["google"] = .object(google)
        extra["extra_content"] = .object(content)
    }

    /// `extra` with the signature written in, for building values inline.
    static func extra(_ signature: String?) -> [String: JSONValue] {
        var extra: [String: JSONValue] = [:]
        write(signature, into: &extra)
        return extra
    }
}
