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
    public var kind: GuardrailKind
    /// `mode`: when it runs; `pre_call` when not given.
    public var modes: Set<GuardrailMode>
    /// `default_on`: runs on every request without being named.
    public var defaultOn: Bool
    public var action: GuardrailAction
    /// `allow_request_override`: whether `x-switchyard-guard` and the body may switch it off.
    public var allowRequestOverride: Bool
    /// `blocked_words` (content_filter).
    public var blockedWords: [String]
    /// `blocked_patterns` (content_filter), compiled.
    public var blockedPatterns: [GuardrailPattern]
    /// `categories` or `entities`: which pii or secrets categories to look for; nil means all.
    public var categories: Set<GuardrailCategory>?
    /// `moderation_model` (moderation): a model_name from model_list.
    public var moderationModel: String?
    /// The Presidio server and entity settings (presidio).
    public var presidio: PresidioSettings
    /// Other `litellm_params`, as written.
    public var extra: [String: JSONValue]

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
        self.blockedWords = blockedWords
        self.blockedPatterns = blockedPatterns
        self.categories = categories
        self.moderationModel = moderationModel
        self.presidio = presidio
        self.extra = extra
    }

    /// The local detector of a built-in guardrail; nil for `moderation` and `presidio`, which
    /// ask a service.
    private static let allPII = Set(GuardrailCategory.pii)
    private static let allSecrets = Set(GuardrailCategory.secrets)

    public var detector: (any GuardrailDetector)? {
        switch kind {
        case .pii: PIIDetector(categories: categories ?? Self.allPII)
        case .secrets: SecretsDetector(categories: categories ?? Self.allSecrets)
        case .promptInjection: PromptInjectionDetector()
        case .contentFilter: ContentFilterDetector(blockedWords: blockedWords, blockedPatterns: blockedPatterns)
        case .moderation, .presidio: nil
        }
    }
}
