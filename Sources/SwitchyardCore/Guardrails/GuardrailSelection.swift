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

        /// Whether the request asks for nothing: no names from its model, key or body, and no
        /// header. Such a request runs the config's default stages (`Stages(configured:)`).
        public var asksNothing: Bool {
            named.isEmpty && request.disabled.isEmpty && override == nil
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

    /// What one request runs at every point, from one pass over the config.
    public struct Stages: Sendable {
        /// Over the request: `pre_call` guardrails, then `during_call` ones (run before the
        /// call as well, so the upstream never sees what they stop).
        public let request: [GuardrailDefinition]
        /// Over the answer: the `post_call` guardrails.
        public let answer: [GuardrailDefinition]
        /// The names of both, each once (`x-switchyard-guardrails`); nil when none run.
        public let header: String?
        /// A moderation or presidio guardrail is among `request`: the stage must wait for a
        /// service.
        public let asksServices: Bool

        /// The stages of a request that asks for nothing: the same for every such request, so
        /// the routing table works them out once per configuration.
        public init(configured: [GuardrailDefinition]) {
            self.init(configured: configured, asked: Asked())
        }

        public init(configured: [GuardrailDefinition], asked: Asked) {
            var before: [GuardrailDefinition] = []
            var during: [GuardrailDefinition] = []
            var answer: [GuardrailDefinition] = []
            for guardrail in configured {
                if asked.runs(guardrail, at: .preCall) {
                    before.append(guardrail)
                } else if asked.runs(guardrail, at: .duringCall) {
                    during.append(guardrail)
                }
                if asked.runs(guardrail, at: .postCall) { answer.append(guardrail) }
            }
            request = before + during
            self.answer = answer
            var names = request.map(\.name)
            for guardrail in answer where !names.contains(guardrail.name) { names.append(guardrail.name) }
            header = names.isEmpty ? nil : names.joined(separator: ",")
            asksServices = request.contains { $0.kind == .moderation || $0.kind == .presidio }
        }
    }
}
