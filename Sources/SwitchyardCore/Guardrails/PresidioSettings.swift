/// How a `presidio` guardrail talks to a Presidio server and what it does with what the
/// analyzer finds, from the `litellm_params` LiteLLM's Presidio integration reads:
///
/// ```yaml
/// litellm_params:
///   guardrail: presidio
///   presidio_analyzer_api_base: http://presidio-analyzer:3000    # or PRESIDIO_ANALYZER_API_BASE
///   presidio_anonymizer_api_base: http://presidio-anonymizer:3000 # or PRESIDIO_ANONYMIZER_API_BASE
///   presidio_language: en
///   pii_entities_config: {CREDIT_CARD: BLOCK, EMAIL_ADDRESS: MASK}
///   presidio_score_thresholds: {ALL: 0.5, PHONE_NUMBER: 0.7}
///   presidio_entities_deny_list: [URL]
///   presidio_timeout: 10          # Switchyard's own: seconds for each Presidio call
/// ```
public struct PresidioSettings: Sendable, Equatable {
    /// `presidio_analyzer_api_base`, else `PRESIDIO_ANALYZER_API_BASE`.
    public var analyzerAPIBase: String?
    /// `presidio_anonymizer_api_base`, else `PRESIDIO_ANONYMIZER_API_BASE`: needed only to mask.
    public var anonymizerAPIBase: String?
    /// `presidio_language`: the analyzer's `language`.
    public var language: String
    /// `pii_entities_config`: the entity types to ask for, each with its own action. Empty means
    /// every entity the analyzer knows, each handled by the guardrail's `action`.
    public var entityActions: [String: GuardrailAction]
    /// `presidio_score_thresholds`: the lowest score kept per entity type; `ALL` for the rest.
    public var scoreThresholds: [String: Double]
    /// `presidio_entities_deny_list`: entity types never acted on.
    public var ignoredEntities: Set<String>
    /// `presidio_timeout`: seconds each analyze or anonymize call may take.
    public var timeout: Double

    public static let defaultTimeout = 10.0

    public init(
        analyzerAPIBase: String? = nil, anonymizerAPIBase: String? = nil, language: String = "en",
        entityActions: [String: GuardrailAction] = [:], scoreThresholds: [String: Double] = [:], ignoredEntities: Set<String> = [],
        timeout: Double = PresidioSettings.defaultTimeout
    ) {
        self.analyzerAPIBase = analyzerAPIBase
        self.anonymizerAPIBase = anonymizerAPIBase
        self.language = language
        self.entityActions = entityActions
        self.scoreThresholds = scoreThresholds
        self.ignoredEntities = ignoredEntities
        self.timeout = timeout
    }

    /// `{analyzer}/analyze`.
    public var analyzeURL: String? { analyzerAPIBase.map { Self.endpoint($0, "analyze") } }
    /// `{anonymizer}/anonymize`.
    public var anonymizeURL: String? { anonymizerAPIBase.map { Self.endpoint($0, "anonymize") } }

    /// A base as LiteLLM takes it: `http://` assumed when no scheme is written.
    static func endpoint(_ base: String, _ path: String) -> String {
        var root = base.contains("://") ? base : "http://" + base
        if !root.hasSuffix("/") { root += "/" }
        return root + path
    }

    /// Whether some finding can be masked, so the anonymizer will be called.
    public func masks(defaultAction: GuardrailAction) -> Bool {
        entityActions.isEmpty ? defaultAction == .mask : entityActions.values.contains(.mask)
    }

    /// The body of `POST /analyze` for `text`.
    public func analyzeRequest(_ text: String) -> PresidioAnalyzeRequest {
        PresidioAnalyzeRequest(text: text, language: language, entities: entityActions.isEmpty ? nil : entityActions.keys.sorted())
    }

    /// What to do with the analyzer's results for one text: findings under their threshold or
    /// on the deny list are dropped; a kept finding whose action is `block` stops the request
    /// (the earliest in the text names it, the surest of those starting together: an email
    /// rather than the URL Presidio also finds at its start); the others are masked.
    public func verdict(_ results: [PresidioRecognizerResult], defaultAction: GuardrailAction) -> PresidioVerdict {
        let kept = results.filter(keeps).sorted { ($0.start, -$0.score, -$0.end) < ($1.start, -$1.score, -$1.end) }
        if let blocked = kept.first(where: { action(for: $0.entityType, defaultAction: defaultAction) == .block }) {
            return .block(entity: blocked.entityType)
        }
        return kept.isEmpty ? .clean : .mask(kept)
    }

    private func keeps(_ result: PresidioRecognizerResult) -> Bool {
        guard !ignoredEntities.contains(result.entityType) else { return false }
        // The analyzer was asked for these entities only; anything else it sends is not ours to act on.
        guard entityActions.isEmpty || entityActions[result.entityType] != nil else { return false }
        guard let threshold = scoreThresholds[result.entityType] ?? scoreThresholds["ALL"] else { return true }
        return result.score >= threshold
    }

    private func action(for entity: String, defaultAction: GuardrailAction) -> GuardrailAction {
        entityActions[entity] ?? defaultAction
    }
}

/// What a `presidio` guardrail decided about one text.
public enum PresidioVerdict: Sendable, Equatable {
    case clean
    /// An entity whose action is `block` was found: its type (never the text).
    case block(entity: String)
    /// Entities to mask, as the anonymizer is to receive them.
    case mask([PresidioRecognizerResult])
}
