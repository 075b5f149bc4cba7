/// The guardrails a request body names, as LiteLLM reads them: `guardrails: ["a", "b"]`,
/// or `guardrails: {"a": true, "b": false}` (false switches off a guardrail that may be),
/// at the top level or inside `metadata`.
public struct GuardrailRequestNames: Sendable, Equatable {
    public var enabled: [String]
    public var disabled: Set<String>

    public init(enabled: [String] = [], disabled: Set<String> = []) {
        self.enabled = enabled
        self.disabled = disabled
    }

    /// The names in a request body; members of other shapes are ignored.
    public init(body: JSONValue) {
        self.init()
        read(body["guardrails"])
        read(body["metadata"]?["guardrails"])
    }

    private mutating func read(_ value: JSONValue?) {
        switch value {
        case .array(let names):
            enabled += names.compactMap(\.stringValue).filter { !enabled.contains($0) }
        case .object(let flags):
            for name in flags.keys.sorted() {
                if flags[name]?.boolValue == false {
                    disabled.insert(name)
                } else if !enabled.contains(name) {
                    enabled.append(name)
                }
            }
        default:
            break
        }
    }
}
