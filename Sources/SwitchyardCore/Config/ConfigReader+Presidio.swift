import Yams

extension ConfigReader {
    /// Reads one of the `presidio` guardrail's `litellm_params` into `settings`; false when
    /// `field` is not a Presidio key.
    mutating func readPresidioParam(_ field: ConfigEntry, into settings: inout PresidioSettings) -> Bool {
        let (value, path) = (field.value, field.path)
        switch field.key {
        case "presidio_analyzer_api_base": settings.analyzerAPIBase = string(value, at: path)
        case "presidio_anonymizer_api_base": settings.anonymizerAPIBase = string(value, at: path)
        case "presidio_language": settings.language = string(value, at: path) ?? settings.language
        case "pii_entities_config": settings.entityActions = readEntityActions(value, at: path)
        case "presidio_score_thresholds": settings.scoreThresholds = readScoreThresholds(value, at: path)
        case "presidio_entities_deny_list": settings.ignoredEntities = Set(stringList(value, at: path) ?? [])
        case "presidio_timeout": settings.timeout = number(value, at: path, .positive) ?? settings.timeout
        case "output_parse_pii", "apply_to_output", "logging_only":
            // Each changes what reaches the client or the logs; ignoring one would quietly do
            // something else than its owner asked.
            if bool(value, at: path) == true {
                error(path, "\(field.key) is not supported yet (the gateway masks requests and blocks answers)", at: value)
            }
        case "presidio_ad_hoc_recognizers":
            error(path, "presidio_ad_hoc_recognizers is not supported yet; configure the recognizers in the analyzer", at: value)
        default:
            return false
        }
        return true
    }

    /// What a `presidio` guardrail needs: an analyzer, an anonymizer when it may mask, and
    /// blocking actions only when it checks answers.
    mutating func checkPresidio(_ guardrail: inout GuardrailDefinition, params: ConfigEntry) {
        let path = params.path
        var settings = guardrail.presidio
        settings.analyzerAPIBase = settings.analyzerAPIBase ?? environment["PRESIDIO_ANALYZER_API_BASE"]
        settings.anonymizerAPIBase = settings.anonymizerAPIBase ?? environment["PRESIDIO_ANONYMIZER_API_BASE"]
        guardrail.presidio = settings
        if settings.analyzerAPIBase == nil {
            error(path, "presidio needs presidio_analyzer_api_base or PRESIDIO_ANALYZER_API_BASE", at: params.value)
        }
        let masks = settings.masks(defaultAction: guardrail.action)
        if masks, settings.anonymizerAPIBase == nil {
            error(path, "presidio masks through the anonymizer: it needs presidio_anonymizer_api_base or PRESIDIO_ANONYMIZER_API_BASE", at: params.value)
        }
        if masks, guardrail.action == .block, guardrail.modes.contains(.postCall) {
            error(path.key("pii_entities_config"), "post_call guardrails block: with post_call every entity must be BLOCK", at: params.value)
        }
    }

    /// `pii_entities_config: {EMAIL_ADDRESS: MASK, CREDIT_CARD: BLOCK}`.
    private mutating func readEntityActions(_ node: Node, at path: ConfigPath) -> [String: GuardrailAction] {
        var actions: [String: GuardrailAction] = [:]
        for entry in entries(of: node, at: path) ?? [] {
            guard let text = string(entry.value, at: entry.path) else { continue }
            if let action = GuardrailAction(rawValue: text.lowercased()) {
                actions[entry.key] = action
            } else {
                error(entry.path, "unknown action \"\(text)\" (expected MASK or BLOCK)", at: entry.value)
            }
        }
        return actions
    }

    /// `presidio_score_thresholds: {ALL: 0.5, EMAIL_ADDRESS: 0.8}`, each between 0 and 1.
    private mutating func readScoreThresholds(_ node: Node, at path: ConfigPath) -> [String: Double] {
        var thresholds: [String: Double] = [:]
        for entry in entries(of: node, at: path) ?? [] {
            guard let score = number(entry.value, at: entry.path, .nonNegative) else { continue }
            if score > 1 {
                error(entry.path, "a score threshold is between 0 and 1", at: entry.value)
            } else {
                thresholds[entry.key] = score
            }
        }
        return thresholds
    }
}
