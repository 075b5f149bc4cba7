import SwitchyardCore
import Testing

/// The `guardrails:` list and per-model `litellm_params.guardrails`, read in LiteLLM's format.
@Suite struct GuardrailConfigTests {
    private func load(_ yaml: String, _ environment: [String: String] = [:]) -> ConfigLoadResult {
        ConfigLoader.load(yaml: yaml, environment: environment)
    }

    @Test func readsEveryKey() throws {
        let result = load("""
            model_list:
              - model_name: gpt
                litellm_params: {model: mock/gpt, guardrails: [no-pii, words]}
              - model_name: mod
                litellm_params: {model: mock/mod}
            guardrails:
              - guardrail_name: no-pii
                litellm_params:
                  guardrail: pii
                  mode: [pre_call]
                  default_on: true
                  action: mask
                  entities: [EMAIL_ADDRESS, credit_card]
              - guardrail_name: words
                litellm_params:
                  guardrail: content_filter
                  mode: pre_call
                  allow_request_override: false
                  blocked_words: [secret]
                  blocked_patterns: ['\\bACME-\\d+']
              - guardrail_name: injection
                litellm_params: {guardrail: prompt_injection}
            """)
        #expect(result.problems.isEmpty, "\(result.problems)")
        let config = try #require(result.config)
        #expect(config.deployments[0].guardrails == ["no-pii", "words"])
        let guardrails = config.guardrails
        #expect(guardrails.map(\.name) == ["no-pii", "words", "injection"])
        #expect(guardrails[0].kind == .pii && guardrails[0].modes == [.preCall] && guardrails[0].defaultOn)
        #expect(guardrails[0].action == .mask && guardrails[0].categories == [.email, .creditCard])
        #expect(guardrails[1].modes == [.preCall] && !guardrails[1].allowRequestOverride)
        #expect(guardrails[1].blockedWords == ["secret"] && guardrails[1].blockedPatterns.map(\.source) == [#"\bACME-\d+"#])
        // LiteLLM's defaults: pre_call, off unless named, block, overridable.
        #expect(guardrails[2].modes == [.preCall] && !guardrails[2].defaultOn && guardrails[2].action == .block)
        #expect(guardrails[2].allowRequestOverride)
    }

    /// What the gateway cannot run is refused, never loaded to run unguarded.
    @Test func whatCannotRunIsRefused() {
        let lines = load("""
            model_list: [{model_name: mod, litellm_params: {model: mock/mod}}]
            guardrails:
              - {guardrail_name: a, litellm_params: {guardrail: pii, mode: [pre_call, post_call], action: mask}}
              - {guardrail_name: b, litellm_params: {guardrail: secrets, mode: during_call}}
              - {guardrail_name: c, litellm_params: {guardrail: moderation, moderation_model: mod, mode: post_call}}
              - {guardrail_name: e, litellm_params: {guardrail: moderation, moderation_model: nope}}
              - {guardrail_name: d, litellm_params: {guardrail: presidio}}
              - {guardrail_name: f, litellm_params: {guardrail: moderation, moderation_model: mod}}
            """, ["PRESIDIO_ANALYZER_API_BASE": "http://localhost:5002"]).problems.map(\.description)
        #expect(lines.sorted() == [
            "guardrails[0].litellm_params.action: post_call guardrails block: an answer already streaming cannot be masked (mask applies pre_call)",
            "guardrails[2].litellm_params.mode: moderation runs on requests (pre_call, during_call), not post_call",
            "guardrails[3].litellm_params.moderation_model: nope is not a model_name in model_list",
        ])
    }

    @Test func problemsCarryTheirPaths() {
        let result = load("""
            model_list:
              - model_name: gpt
                litellm_params: {model: mock/gpt, guardrails: [pii, missing]}
            guardrails:
              - guardrail_name: pii
                litellm_params: {guardrail: pii}
              - guardrail_name: bad-mode
                litellm_params: {guardrail: secrets, mode: [pre_call, before_call]}
              - guardrail_name: bad-type
                litellm_params: {guardrail: lakera}
              - guardrail_name: bad-regex
                litellm_params: {guardrail: content_filter, blocked_patterns: ['(unclosed']}
              - guardrail_name: pii
                litellm_params: {guardrail: secrets}
              - guardrail_name: bad-action
                litellm_params: {guardrail: pii, action: redact, categories: [email, openai_key]}
              - guardrail_name: no-model
                litellm_params: {guardrail: moderation}
              - guardrail_name: mask-injection
                litellm_params: {guardrail: prompt_injection, action: mask, colour: blue}
            """)
        #expect(result.config == nil)
        let lines = result.problems.map(\.description)
        let expected = [
            "model_list[0].litellm_params.guardrails[1]: guardrail missing is not defined in guardrails",
            "guardrails[1].litellm_params.mode[1]: unknown mode \"before_call\" (expected pre_call, post_call or during_call)",
            "guardrails[2].litellm_params.guardrail: unknown guardrail \"lakera\" (expected one of pii, secrets, prompt_injection, content_filter, moderation, presidio)",
            "guardrails[3].litellm_params.blocked_patterns[0]: not a valid regular expression",
            "guardrails[4].guardrail_name: duplicate guardrail_name \"pii\" (also used at guardrails[0])",
            "guardrails[5].litellm_params.action: unknown action \"redact\" (expected block or mask)",
            "guardrails[5].litellm_params.categories[1]: unknown pii category \"openai_key\" (expected one of email, phone, credit_card, iban, us_ssn, uk_nino, ip_address)",
            "guardrails[6].litellm_params: moderation needs moderation_model (a model_name from model_list)",
            "guardrails[7].litellm_params.action: prompt_injection cannot mask; use block",
            "guardrails[7].litellm_params.colour: unknown key, ignored",
        ]
        for line in expected {
            #expect(lines.contains(line), "missing: \(line)\nin: \(lines)")
        }
    }

    @Test func presidioNeedsAnAnalyzer() {
        let lines = load("""
            model_list: [{model_name: a, litellm_params: {model: mock/a}}]
            guardrails: [{guardrail_name: p, litellm_params: {guardrail: presidio}}]
            """).problems.map(\.description)
        #expect(lines.contains("guardrails[0].litellm_params: presidio needs presidio_analyzer_api_base or PRESIDIO_ANALYZER_API_BASE"))
    }

    /// LiteLLM's Presidio keys, with the API bases from the environment when not written.
    @Test func readsPresidioSettings() throws {
        let result = load("""
            model_list: [{model_name: a, litellm_params: {model: mock/a}}]
            guardrails:
              - guardrail_name: p
                litellm_params:
                  guardrail: presidio
                  presidio_analyzer_api_base: presidio-analyzer:3000
                  presidio_language: de
                  pii_entities_config: {CREDIT_CARD: BLOCK, EMAIL_ADDRESS: mask}
                  presidio_score_thresholds: {ALL: 0.5, EMAIL_ADDRESS: "0.8"}
                  presidio_entities_deny_list: [URL]
                  presidio_timeout: 2.5
                  output_parse_pii: false
              - guardrail_name: q
                litellm_params: {guardrail: presidio, action: mask}
            """, ["PRESIDIO_ANALYZER_API_BASE": "http://env-analyzer:3000/", "PRESIDIO_ANONYMIZER_API_BASE": "https://env-anonymizer"])
        #expect(result.problems.isEmpty, "\(result.problems)")
        let guardrails = try #require(result.config).guardrails
        let p = guardrails[0].presidio
        #expect(p.analyzeURL == "http://presidio-analyzer:3000/analyze")
        #expect(p.anonymizeURL == "https://env-anonymizer/anonymize")
        #expect(p.language == "de" && p.timeout == 2.5 && p.ignoredEntities == ["URL"])
        #expect(p.entityActions == ["CREDIT_CARD": .block, "EMAIL_ADDRESS": .mask])
        #expect(p.scoreThresholds == ["ALL": 0.5, "EMAIL_ADDRESS": 0.8])
        let q = guardrails[1].presidio
        #expect(q.analyzeURL == "http://env-analyzer:3000/analyze" && q.language == "en" && q.timeout == PresidioSettings.defaultTimeout)
        #expect(q.entityActions.isEmpty && q.scoreThresholds.isEmpty)
    }

    /// What a presidio guardrail cannot do is refused at load, never quietly skipped.
    @Test func presidioRefusals() {
        let lines = load("""
            model_list: [{model_name: a, litellm_params: {model: mock/a}}]
            guardrails:
              - {guardrail_name: a, litellm_params: {guardrail: presidio, action: mask}}
              - {guardrail_name: b, litellm_params: {guardrail: presidio, pii_entities_config: {EMAIL_ADDRESS: MASK}}}
              - {guardrail_name: c, litellm_params: {guardrail: presidio, mode: post_call, pii_entities_config: {EMAIL_ADDRESS: MASK}}}
              - {guardrail_name: d, litellm_params: {guardrail: presidio, output_parse_pii: true, presidio_ad_hoc_recognizers: ./r.json}}
              - {guardrail_name: e, litellm_params: {guardrail: presidio, pii_entities_config: {EMAIL_ADDRESS: REDACT}, presidio_score_thresholds: {ALL: 2}}}
              - {guardrail_name: f, litellm_params: {guardrail: pii, presidio_language: en}}
            """, ["PRESIDIO_ANALYZER_API_BASE": "http://analyzer"]).problems.map(\.description)
        let anonymizer = "presidio masks through the anonymizer: it needs presidio_anonymizer_api_base or PRESIDIO_ANONYMIZER_API_BASE"
        #expect(lines.sorted() == [
            "guardrails[0].litellm_params: \(anonymizer)",
            "guardrails[1].litellm_params: \(anonymizer)",
            "guardrails[2].litellm_params.pii_entities_config: post_call guardrails block: with post_call every entity must be BLOCK",
            "guardrails[2].litellm_params: \(anonymizer)",
            "guardrails[3].litellm_params.output_parse_pii: output_parse_pii is not supported yet (the gateway masks requests and blocks answers)",
            "guardrails[3].litellm_params.presidio_ad_hoc_recognizers: presidio_ad_hoc_recognizers is not supported yet; configure the recognizers in the analyzer",
            "guardrails[4].litellm_params.pii_entities_config.EMAIL_ADDRESS: unknown action \"REDACT\" (expected MASK or BLOCK)",
            "guardrails[4].litellm_params.presidio_score_thresholds.ALL: a score threshold is between 0 and 1",
            "guardrails[5].litellm_params.presidio_language: unknown key, ignored",
        ])
    }
}
