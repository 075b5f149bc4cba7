/// Which guardrails run for one request at one mode.
///
/// A guardrail is asked for when it is `default_on`, or named by the model
/// (`litellm_params.guardrails`), the key (`metadata.guardrails`) or the body (LiteLLM's
/// `guardrails` list). The `x-switchyard-guard` header and a body `guardrails` object with
/// `false` narrow that set, except for guardrails with `allow_request_override: false`,
/// which run whenever they would have run otherwise. Narrowing never adds a guardrail.
public struct GuardrailSelection: Sendable {
    /// The guardrails to run, in config order.
    public var active: [GuardrailDefinition]
    /// Names the body asked for that the config does not define (a 400 for the caller).
    public var unknownNames: [String]

    public init(
        configured: [GuardrailDefinition], mode: GuardrailMode, model: [String] = [], key: [String] = [],
        request: GuardrailRequestNames = GuardrailRequestNames(), override: GuardrailOverride? = nil
    ) {
        let asked = Asked(model: model, key: key, request: request, override: override)
        unknownNames = asked.unknownNames(in: configured)
        active = configured.filter { asked.runs($0, at: mode) }
    }

    /// What one request asks for, gathered once and asked of each guardrail at each mode (the
    /// guardrails stage needs all three modes of every request).
    public struct Asked: Sendable {
        let named: Set<String>
        let request: GuardrailRequestNames
        let override: GuardrailOverride?

        public init(model: [String] = [], key: [String] = [], request: GuardrailRequestNames = GuardrailRequestNames(), override: GuardrailOverride? = nil) {
            var named = Set(model)
            named.formUnion(key)
            named.formUnion(request.enabled)
            self.named = named
            self.request = request
            self.override = override
        }

        /// Names the body asked for that `configured` does not define.
        public func unknownNames(in configured: [GuardrailDefinition]) -> [String] {
            guard !request.enabled.isEmpty else { return [] }
            let defined = Set(configured.map(\.name))
            return request.enabled.filter { !defined.contains($0) }
        }

        /// Whether `guardrail` runs at `mode` for this request.
        public func runs(_ guardrail: GuardrailDefinition, at mode: GuardrailMode) -> Bool {
            // The empty sets of a request that asks for nothing are not hashed into.
            guard guardrail.modes.contains(mode), guardrail.defaultOn || (!named.isEmpty && named.contains(guardrail.name)) else { return false }
            guard guardrail.allowRequestOverride else { return true }
            if !request.disabled.isEmpty, request.disabled.contains(guardrail.name) { return false }
            switch override {
            case nil: return true
            case .off: return false
            case .only(let names): return names.contains(guardrail.name)
            }
        }
    }
}
