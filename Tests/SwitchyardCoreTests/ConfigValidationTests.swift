import SwitchyardCore
import Testing

/// Every validation rule, asserted by the exact line `check-config` prints.
@Suite struct ConfigValidationTests {
    private func problems(_ yaml: String, _ environment: [String: String] = [:]) -> [String] {
        ConfigLoader.load(yaml: yaml, environment: environment).problems.map(\.description)
    }

    private func params(_ lines: String) -> String {
        """
        model_list:
          - model_name: ok
            litellm_params: {model: mock/ok}
          - model_name: m
            litellm_params:
              model: mock/m
        \(lines.split(separator: "\n").map { "      \($0)" }.joined(separator: "\n"))
        """
    }

    @Test func apiBaseMustBeAURL() {
        let yaml = """
            model_list:
              - model_name: a
                litellm_params: {model: openai/gpt-4o, api_key: k}
              - model_name: b
                litellm_params: {model: openai/gpt-4o, api_base: "localhost:8000/v1"}
              - model_name: c
                litellm_params: {model: openai/gpt-4o, api_base: "ftp://files.example.com"}
            """
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems.map(\.description) == [
            "model_list[1].litellm_params.api_base: not a URL",
            "model_list[2].litellm_params.api_base: not a URL",
        ])
        #expect(result.config == nil)
        #expect(result.errors.count == 2)
    }

    @Test func environmentBaseMustBeAURL() {
        let yaml = "model_list: [{model_name: a, litellm_params: {model: azure/dep, api_key: k}}]"
        #expect(problems(yaml, ["AZURE_API_BASE": "not a url"]) == [
            "model_list[0].litellm_params.api_base: AZURE_API_BASE is not a URL"
        ])
    }

    @Test func azureAndHostedVLLMRequireABase() {
        let yaml = """
            model_list:
              - model_name: a
                litellm_params: {model: azure/dep, api_key: k}
              - model_name: v
                litellm_params: {model: hosted_vllm/llama}
            """
        #expect(problems(yaml) == [
            "model_list[0].litellm_params.api_base: required for azure models (or set AZURE_API_BASE)",
            "model_list[1].litellm_params.api_base: required for hosted_vllm models (or set HOSTED_VLLM_API_BASE)",
        ])
        #expect(problems(yaml, ["AZURE_API_BASE": "https://x.openai.azure.com", "HOSTED_VLLM_API_BASE": "http://vllm:8000/v1"]).isEmpty)
    }

    @Test func requiredEntryKeys() {
        let yaml = """
            model_list:
              - litellm_params: {model: mock/a}
              - model_name: b
              - model_name: c
                litellm_params: {api_key: x}
              - model_name: d
                litellm_params: mock/d
              - just a string
              - model_name: [not, a, string]
                litellm_params: {model: mock/f}
            """
        #expect(problems(yaml) == [
            "model_list[0]: missing model_name",
            "model_list[1]: missing litellm_params",
            "model_list[2].litellm_params: missing model",
            "model_list[3].litellm_params: expected a mapping",
            "model_list[4]: expected a mapping",
            "model_list[5].model_name: expected a string",
        ])
    }

    @Test func unknownProviderListsTheSupportedPrefixes() {
        let yaml = "model_list: [{model_name: a, litellm_params: {model: vertex_ai/gemini-pro}}]"
        #expect(problems(yaml) == [
            "model_list[0].litellm_params.model: unknown provider prefix \"vertex_ai/\"; supported prefixes: "
                + "openai/, azure/, anthropic/, gemini/, bedrock/, openrouter/, deepseek/, groq/, mistral/, "
                + "together_ai/, fireworks_ai/, xai/, cohere/, ollama/, hosted_vllm/, jina_ai/, voyage/, mock/"
        ])
    }

    @Test func anUnknownProviderDoesNotHideTheEntrysOtherProblems() {
        let yaml = "model_list: [{model_name: a, litellm_params: {model: vertex_ai/g, api_base: \"ftp//x\", rpm: lots}}]"
        let found = problems(yaml)
        #expect(found.count == 3)
        #expect(found.dropFirst() == [
            "model_list[0].litellm_params.api_base: not a URL",
            "model_list[0].litellm_params.rpm: expected an integer",
        ])
    }

    @Test func modelStringProblems() {
        let yaml = """
            model_list:
              - {model_name: a, litellm_params: {model: "openai/"}}
              - {model_name: b, litellm_params: {model: "openai/*"}}
              - {model_name: c, litellm_params: {model: claude-3-5-sonnet-20240620, api_key: k}}
              - {model_name: d, litellm_params: {model: x, custom_llm_provider: vertex_ai}}
            """
        #expect(problems(yaml) == [
            "model_list[0].litellm_params.model: missing the model id after \"openai/\"",
            "model_list[1].litellm_params.model: a wildcard model needs a wildcard model_name such as \"openai/*\"",
            "model_list[2].litellm_params.model: no provider prefix, so this is sent to OpenAI; "
                + "write anthropic/claude-3-5-sonnet-20240620 for anthropic",
            "model_list[3].litellm_params.custom_llm_provider: unknown provider \"vertex_ai\"; supported: "
                + "openai, azure, anthropic, gemini, bedrock, openrouter, deepseek, groq, mistral, "
                + "together_ai, fireworks_ai, xai, cohere, ollama, hosted_vllm, jina_ai, voyage, mock",
        ])
    }

    @Test func numbersAndBooleans() {
        let yaml = params("""
            rpm: lots
            tpm: -5
            max_retries: 1.5
            order: "-1"
            weight: 0
            timeout: fast
            stream_timeout: 0
            drop_params: maybe
            input_cost_per_token: -0.1
            """)
        #expect(problems(yaml) == [
            "model_list[1].litellm_params.rpm: expected an integer",
            "model_list[1].litellm_params.tpm: must be 0 or greater",
            "model_list[1].litellm_params.max_retries: expected an integer",
            "model_list[1].litellm_params.order: must be 0 or greater",
            "model_list[1].litellm_params.weight: must be greater than 0",
            "model_list[1].litellm_params.timeout: expected a number",
            "model_list[1].litellm_params.stream_timeout: must be greater than 0",
            "model_list[1].litellm_params.drop_params: expected true or false",
            "model_list[1].litellm_params.input_cost_per_token: must be 0 or greater",
        ])
    }

    @Test func modelInfoValues() {
        let yaml = """
            model_list:
              - model_name: m
                litellm_params: {model: mock/m}
                model_info:
                  output_cost_per_token: free
                  max_tokens: [1]
                  colour: blue
                  access_groups: [beta]
                  supports_vision: true
            """
        #expect(problems(yaml) == [
            "model_list[0].model_info.output_cost_per_token: expected a number",
            "model_list[0].model_info.max_tokens: expected a string",
            "model_list[0].model_info.colour: unknown key, ignored",
            "model_list[0].model_info.access_groups: not supported yet, ignored",
        ])
    }

    @Test func settingsValues() {
        let yaml = """
            model_list: [{model_name: m, litellm_params: {model: mock/m}}]
            router_settings:
              routing_strategy: round-robin
              num_retries: two
              cooldown_time: -1
            litellm_settings:
              request_timeout: 0
            general_settings:
              max_request_size_mb: big
              budget_exceeded_status: 500
            """
        #expect(problems(yaml) == [
            "router_settings.routing_strategy: unknown routing strategy \"round-robin\"; supported: "
                + "simple-shuffle, least-busy, latency-based-routing, usage-based-routing",
            "router_settings.num_retries: expected an integer",
            "router_settings.cooldown_time: must be 0 or greater",
            "litellm_settings.request_timeout: must be greater than 0",
            "general_settings.max_request_size_mb: expected a number",
            "general_settings.budget_exceeded_status: must be 402 or 429",
        ])
    }

    @Test func addressRateLimitNeedsACount() throws {
        let yaml = """
            model_list: [{model_name: m, litellm_params: {model: mock/m}}]
            general_settings:
              ip_rate_limit: {window: 10m}
            """
        #expect(problems(yaml) == ["general_settings.ip_rate_limit: needs requests (a number of requests per window)"])
        let good = ConfigLoader.load(yaml: """
            model_list: [{model_name: m, litellm_params: {model: mock/m}}]
            general_settings:
              ip_rate_limit: {requests: 5000, window: 10m}
              trusted_proxies: [10.0.0.0/8]
            """, environment: [:])
        let settings = try #require(good.config?.general)
        #expect(settings.addressRateLimit == AddressRateLimitSettings(requests: 5000, window: 600))
        #expect(settings.trustedProxies == ["10.0.0.0/8"])
    }

    @Test func costBasedRoutingFallsBackToShuffle() {
        let yaml = """
            model_list: [{model_name: m, litellm_params: {model: mock/m}}]
            router_settings: {routing_strategy: cost-based-routing}
            """
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems == [
            .warning("router_settings.routing_strategy", "cost-based-routing is not supported yet, using simple-shuffle")
        ])
        #expect(result.config?.router.routingStrategy == .simpleShuffle)
    }

    @Test func missingEnvironmentVariableIsAWarningAndNil() throws {
        let yaml = """
            model_list:
              - model_name: m
                litellm_params:
                  model: openai/gpt-4o
                  api_key: os.environ/NOPE
                  organization: os.environ/ORG
                  extra_headers: {X-A: os.environ/HEADER}
            general_settings:
              master_key: os.environ/MASTER
            """
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems.map(\.description) == [
            "model_list[0].litellm_params.api_key: environment variable NOPE is not set",
            "model_list[0].litellm_params.organization: environment variable ORG is not set",
            "model_list[0].litellm_params.extra_headers.X-A: environment variable HEADER is not set",
            "general_settings.master_key: environment variable MASTER is not set",
        ])
        #expect(result.warnings.count == 4)
        let config = try #require(result.config)
        #expect(config.deployments[0].apiKey == nil)
        #expect(config.deployments[0].organization == nil)
        #expect(config.deployments[0].extraHeaders.isEmpty)
        #expect(config.general.masterKey == nil)
    }

    @Test func missingProviderKeyIsAWarning() {
        let yaml = "model_list: [{model_name: m, litellm_params: {model: anthropic/claude-sonnet-4-5}}]"
        #expect(problems(yaml) == ["model_list[0].litellm_params.api_key: missing, and ANTHROPIC_API_KEY is not set"])
        #expect(problems(yaml, ["ANTHROPIC_API_KEY": "sk-ant"]).isEmpty)
    }

    @Test func bedrockWithoutRegionIsAWarning() {
        let yaml = "model_list: [{model_name: b, litellm_params: {model: bedrock/amazon.nova-pro-v1:0}}]"
        #expect(problems(yaml) == ["model_list[0].litellm_params.aws_region_name: missing, and AWS_REGION is not set"])
    }

    @Test func unknownKeysAreWarnings() {
        let yaml = """
            model_list:
              - model_name: m
                litellm_params: {model: mock/m, temprature: 0.2, aws_region_name: us-east-1, tags: [a]}
                model_infos: {}
            router_settings:
              redis_host: localhost
              enable_pre_call_checks: true
              fancy: 1
            litellm_settings:
              callbacks: [langfuse]
              set_verbose: true
              whatever: x
            general_settings:
              alerting: [slack]
              proxy_batch_write_at: 60
              colour: red
            include: [models.yaml]
            something_else: 1
            """
        #expect(problems(yaml) == [
            "model_list[0].litellm_params.temprature: unknown key, ignored",
            "model_list[0].litellm_params.tags: not supported yet, ignored",
            "model_list[0].model_infos: unknown key, ignored",
            "router_settings.redis_host: not supported yet, ignored",
            "router_settings.enable_pre_call_checks: not supported yet, ignored",
            "router_settings.fancy: unknown key, ignored",
            "litellm_settings.callbacks[0]: callback 'langfuse' is not supported (only 'otel', which exports traces over OTLP); it is ignored",
            "litellm_settings.set_verbose: not supported yet, ignored",
            "litellm_settings.whatever: unknown key, ignored",
            "general_settings.alerting: not supported yet, ignored",
            "general_settings.colour: unknown key, ignored",
            "include: not supported, ignored",
            "something_else: unknown key, ignored",
        ])
    }

    @Test func unknownParamsAreStillKeptForProviders() throws {
        let yaml = "model_list: [{model_name: m, litellm_params: {model: mock/m, temprature: 0.2}}]"
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.warnings.count == 1)
        #expect(result.config?.deployments.first?.extraParams == ["temprature": 0.2])
    }

    @Test func mockIgnoresAPIBase() {
        let yaml = "model_list: [{model_name: m, litellm_params: {model: mock/m, api_base: 'http://x'}}]"
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems.map(\.description) == ["model_list[0].litellm_params.api_base: not used by mock models, ignored"])
        #expect(result.config?.deployments.first?.apiBase == nil)
    }

    @Test func fallbackShapes() {
        let yaml = """
            model_list:
              - {model_name: gpt-4o, litellm_params: {model: mock/a}}
              - {model_name: claude, litellm_params: {model: mock/b}}
              - {model_name: "deepseek/*", litellm_params: {model: "deepseek/*", api_key: k}}
            router_settings:
              fallbacks:
                - gpt-4o: [claude, gpt-5, deepseek/deepseek-chat]
                - {claude: [gpt-4o], gpt-4o: [claude]}
                - just-a-name
                - claude: gpt-4o
                - gemini: [claude]
              default_fallbacks: [nobody]
            """
        #expect(problems(yaml) == [
            "router_settings.fallbacks[0].gpt-4o[1]: fallback target gpt-5 is not a model_name in model_list",
            "router_settings.fallbacks[1]: expected a single-key mapping like {gpt-4o: [claude]}",
            "router_settings.fallbacks[2]: expected a single-key mapping like {gpt-4o: [claude]}",
            "router_settings.fallbacks[3].claude: expected a list",
            "router_settings.fallbacks[4].gemini: gemini is not a model_name in model_list",
            "router_settings.default_fallbacks[0]: fallback target nobody is not a model_name in model_list",
        ])
    }

    @Test func fallbacksMustBeAList() {
        let yaml = """
            model_list: [{model_name: a, litellm_params: {model: mock/a}}]
            litellm_settings:
              fallbacks: {a: [b]}
            """
        #expect(problems(yaml) == ["litellm_settings.fallbacks: expected a list"])
    }

    @Test func aliasTargetsAreChecked() {
        let yaml = """
            model_list: [{model_name: a, litellm_params: {model: mock/a}}]
            router_settings:
              model_group_alias:
                b: a
                c: missing
                d: {hidden: true}
              fallbacks: [{a: [b]}]
            """
        #expect(problems(yaml) == [
            "router_settings.model_group_alias.c: alias target missing is not a model_name in model_list",
            "router_settings.model_group_alias.d: missing model",
        ])
    }

    @Test func duplicateModelInfoIDIsAnError() {
        let yaml = """
            model_list:
              - {model_name: a, litellm_params: {model: mock/a}, model_info: {id: east}}
              - {model_name: b, litellm_params: {model: mock/b}, model_info: {id: east}}
            """
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems == [
            .error("model_list[1].model_info.id", "duplicate id \"east\" (also used at model_list[0].model_info.id)")
        ])
        #expect(result.config == nil)
    }

    @Test func noModels() {
        #expect(problems("model_list: []") == ["model_list: no models configured"])
        #expect(problems("model_list:") == ["model_list: no models configured"])
        #expect(problems("general_settings: {master_key: sk-1}") == ["no models configured"])
        let result = ConfigLoader.load(yaml: "litellm_settings: {drop_params: true}", environment: [:])
        #expect(result.config?.deployments.isEmpty == true)
        #expect(result.errors.isEmpty)
    }

    @Test func modelListMustBeAList() {
        #expect(problems("model_list: {model_name: a}") == ["model_list: expected a list"])
    }

    @Test func problemsComeInDocumentOrder() {
        let yaml = """
            router_settings:
              fallbacks: [{a: [zzz]}]
            environment_variables:
              X: os.environ/MISSING
            model_list:
              - {model_name: a, litellm_params: {model: mock/a, rpm: x}}
            """
        #expect(problems(yaml) == [
            "router_settings.fallbacks[0].a[0]: fallback target zzz is not a model_name in model_list",
            "environment_variables.X: environment variable MISSING is not set",
            "model_list[0].litellm_params.rpm: expected an integer",
        ])
    }

    @Test func yamlSyntaxErrorsCarryTheLine() {
        let broken = """
            model_list:
              - model_name: a
                litellm_params: {model: mock/a
              - model_name: b
            """
        let result = ConfigLoader.load(yaml: broken, environment: [:])
        #expect(result.config == nil)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.severity == .error)
        #expect(result.problems.first?.path == "")
        #expect(result.problems.first?.description.hasPrefix("YAML syntax error at line 4, column ") == true)

        #expect(problems("a: b: c") == ["YAML syntax error at line 1, column 5: mapping values are not allowed in this context"])
        #expect(problems("model_list: []\nmodel_list: []") == ["YAML syntax error at line 1, column 1: duplicate key \"model_list\""])
        #expect(problems("a: 1\n---\nb: 2") == [
            "YAML syntax error at line 2, column 1: a second document; the config must be one document"
        ])
    }

    @Test(arguments: [
        "just a sentence", "42", "- model_name: a\n- model_name: b", "[1, 2, 3]", "\"quoted\"",
    ])
    func nonMappingDocumentsAreErrors(yaml: String) {
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.config == nil)
        #expect(result.problems.map(\.description) == [
            "expected a mapping with model_list, router_settings, … at the top level"
        ])
    }

    @Test(arguments: ["", "   \n", "# only a comment\n", "~", "null"])
    func emptyDocumentsAreErrors(yaml: String) {
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.config == nil)
        #expect(result.problems == [.error("", "the document is empty; expected a mapping with model_list")])
    }

    @Test(arguments: [
        "\u{0}\u{1}\u{2}", "\t- x", "a: *undefined", "{{{{", String(repeating: "[", count: 50_000),
        "model_list: [{model_name: {a: b}, litellm_params: []}]", "? [a, b]\n: c", "model_list:\n  - <<: 5",
        "model_list: [{model_name: 'x', litellm_params: {model: mock/x, extra_headers: [1]}}]",
    ])
    func garbageNeverCrashes(yaml: String) {
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(!result.problems.isEmpty)
        #expect(result.config == nil || result.errors.isEmpty)
    }
}
