/// One entry of the config's `guardrails:` list, as LiteLLM writes it:
///
/// ```yaml
/// guardrails:
///   - guardrail_name: no-pii
///     litellm_params:
///       guardrail: pii          # pii | secrets | prompt_injection | content_filter | moderation | presidio
///       mode: [pre_call, post_call]
///       default_on: true        # default false, as in LiteLLM
///       action: mask            # block (default) | mask
///       allow_request_override: false   # default true
///       categories: [email, credit_card]  # or entities: [EMAIL_ADDRESS, …]; default all
/// ```
public struct GuardrailDefinition: Sendable {
    /// `guardrail_name`: what models, keys, request bodies and `x-switchyard-guard` name.
    public var name: String
    public var kind: GuardrailKind { didSet { detector = makeDetector() } }
    /// `mode`: when it runs; `pre_call` when not given.
    public var modes: Set<GuardrailMode>
    /// `default_on`: runs on every request without being named.
    public var defaultOn: Bool
    public var action: GuardrailAction
    /// `allow_request_override`: whether `x-switchyard-guard` and the body may switch it off.
    public var allowRequestOverride: Bool

    /// What only some kinds read. Every request copies the definitions it selects, and these
    /// fields (a dozen references with Presidio's) are one reference behind the box.
    private struct Specifics: Sendable {
        var blockedWords: [String]
        var blockedPatterns: [GuardrailPattern]
        var categories: Set<GuardrailCategory>?
        var moderationModel: String?
        var presidio: PresidioSettings
        var extra: [String: JSONValue]
    }

    private final class Box: Sendable {
        let specifics: Specifics
        init(_ specifics: Specifics) { self.specifics = specifics }
    }

    private var box: Box

    /// Changes the specifics in a new box: a copy of this definition keeps the old one.
    private mutating func update(_ change: (inout Specifics) -> Void) {
        var specifics = box.specifics
        change(&specifics)
        box = Box(specifics)
    }

    /// `blocked_words` (content_filter).
    public var blockedWords: [String] {
        get { box.specifics.blockedWords }
        set { update { $0.blockedWords = newValue }; detector = makeDetector() }
    }
    /// `blocked_patterns` (content_filter), compiled.
    public var blockedPatterns: [GuardrailPattern] {
        get { box.specifics.blockedPatterns }
        set { update { $0.blockedPatterns = newValue }; detector = makeDetector() }
    }
    /// `categories` or `entities`: which pii or secrets categories to look for; nil means all.
    public var categories: Set<GuardrailCategory>? {
        get { box.specifics.categories }
        set { update { $0.categories = newValue }; detector = makeDetector() }
    }
    /// `moderation_model` (moderation): a model_name from model_list.
    public var moderationModel: String? {
        get { box.specifics.moderationModel }
        set { update { $0.moderationModel = newValue } }
    }
    /// The Presidio server and entity settings (presidio).
    public var presidio: PresidioSettings {
        get { box.specifics.presidio }
        set { update { $0.presidio = newValue } }
    }
    /// Other `litellm_params`, as written.
    public var extra: [String: JSONValue] {
        get { box.specifics.extra }
        set { update { $0.extra = newValue } }
    }

    public init(
        name: String, kind: GuardrailKind, modes: Set<GuardrailMode> = [.preCall], defaultOn: Bool = false,
        action: GuardrailAction = .block, allowRequestOverride: Bool = true, blockedWords: [String] = [],
        blockedPatterns: [GuardrailPattern] = [], categories: Set<GuardrailCategory>? = nil,
        moderationModel: String? = nil, presidio: PresidioSettings = PresidioSettings(),
        extra: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.kind = kind
        self.modes = modes
        self.defaultOn = defaultOn
        self.action = action
        self.allowRequestOverride = allowRequestOverride
        box = Box(Specifics(
            blockedWords: blockedWords, blockedPatterns: blockedPatterns, categories: categories,
            moderationModel: moderationModel, presidio: presidio, extra: extra
        ))
        detector = makeDetector()
    }

    /// The local detector of a built-in guardrail; nil for `moderation` and `presidio`, which
    /// ask a service. Built when the definition is made or changed, not per request.
    public private(set) var detector: (any GuardrailDetector)?

    private static let allPII = Set(GuardrailCategory.pii)
    private static let allSecrets = Set(GuardrailCategory.secrets)

    private func makeDetector() -> (any GuardrailDetector)? {
        switch kind {
        case .pii: PIIDetector(categories: categories ?? Self.allPII)
        case .secrets: SecretsDetector(categories: categories ?? Self.allSecrets)
        case .promptInjection: PromptInjectionDetector()
        case .contentFilter: ContentFilterDetector(blockedWords: blockedWords, blockedPatterns: blockedPatterns)
        case .moderation, .presidio: nil
        }
    }
}
