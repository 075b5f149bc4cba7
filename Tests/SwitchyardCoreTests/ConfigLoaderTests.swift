import Foundation
import SwitchyardCore
import Testing

/// Loading realistic LiteLLM configs: resolved values, defaults and environment handling.
@Suite struct ConfigLoaderTests {
    static let contractConfig = """
        model_list:
          - model_name: gpt-4o                 # the alias clients send as "model"
            litellm_params:
              model: openai/gpt-4o             # <provider>/<upstream model id>
              api_base: https://api.openai.com/v1
              api_key: os.environ/OPENAI_API_KEY   # os.environ/NAME reads the environment
              rpm: 500                         # optional per-deployment limits
              tpm: 200000
              weight: 2                        # optional, for weighted shuffle
              timeout: 60                      # seconds, whole request
              stream_timeout: 30               # seconds to first byte when streaming
              max_retries: 2
            model_info:
              input_cost_per_token: 0.0000025
              output_cost_per_token: 0.00001
          - model_name: claude
            litellm_params: {model: anthropic/claude-sonnet-4-5, api_key: os.environ/ANTHROPIC_API_KEY}
          - model_name: "deepseek/*"           # wildcard: pass any id for that provider through
            litellm_params: {model: "deepseek/*", api_key: os.environ/DEEPSEEK_API_KEY}
        router_settings:
          routing_strategy: simple-shuffle     # also least-busy, latency-based-routing, usage-based-routing
          num_retries: 2
          allowed_fails: 3
          cooldown_time: 30
          fallbacks: [{gpt-4o: [claude]}]
        litellm_settings:
          drop_params: true
          request_timeout: 600
        general_settings:
          master_key: os.environ/SWITCHYARD_MASTER_KEY
          database_url: os.environ/DATABASE_URL   # postgres://… ; absent: embedded SQLite
        """

    static let contractEnvironment = [
        "OPENAI_API_KEY": "sk-openai", "ANTHROPIC_API_KEY": "sk-ant", "DEEPSEEK_API_KEY": "sk-deepseek",
        "SWITCHYARD_MASTER_KEY": "sk-master",
    ]

    @Test func contractConfigLoads() throws {
        let result = ConfigLoader.load(yaml: Self.contractConfig, environment: Self.contractEnvironment)
        #expect(result.problems.map(\.description) == [
            "general_settings.database_url: environment variable DATABASE_URL is not set"
        ])
        let config = try #require(result.config)
        #expect(config.deployments.count == 3)

        let gpt = config.deployments[0]
        #expect(gpt.modelName == "gpt-4o")
        #expect(gpt.provider == .openai)
        #expect(gpt.upstreamModel == "gpt-4o")
        #expect(gpt.litellmModel == "openai/gpt-4o")
        #expect(gpt.id == "openai/gpt-4o")
        #expect(gpt.apiBase == "https://api.openai.com/v1")
        #expect(gpt.apiKey == "sk-openai")
        #expect(gpt.rpm == 500)
        #expect(gpt.tpm == 200_000)
        #expect(gpt.weight == 2)
        #expect(gpt.timeout == 60)
        #expect(gpt.streamTimeout == 30)
        #expect(gpt.maxRetries == 2)
        #expect(gpt.modelInfo.inputCostPerToken == 0.0000025)
        #expect(gpt.modelInfo.outputCostPerToken == 0.00001)
        #expect(!gpt.isWildcard)

        let claude = config.deployments[1]
        #expect(claude.provider == .anthropic)
        #expect(claude.upstreamModel == "claude-sonnet-4-5")
        #expect(claude.apiBase == "https://api.anthropic.com")
        #expect(claude.apiKey == "sk-ant")
        #expect(claude.weight == 1)
        #expect(claude.rpm == nil)

        let deepseek = config.deployments[2]
        #expect(deepseek.modelName == "deepseek/*")
        #expect(deepseek.provider == .deepseek)
        #expect(deepseek.upstreamModel == "*")
        #expect(deepseek.apiBase == "https://api.deepseek.com/v1")
        #expect(deepseek.apiKey == "sk-deepseek")
        #expect(deepseek.isWildcard)

        #expect(config.router.routingStrategy == .simpleShuffle)
        #expect(config.router.numRetries == 2)
        #expect(config.router.allowedFails == 3)
        #expect(config.router.cooldownTime == 30)
        #expect(config.router.fallbacks == ["gpt-4o": ["claude"]])
        #expect(config.litellm.dropParams)
        #expect(config.litellm.requestTimeout == 600)
        #expect(config.general.masterKey == "sk-master")
        #expect(config.general.databaseURL == nil)
        #expect(config.general.maxRequestSizeMB == 32)
    }

    @Test func contractConfigWithDatabaseURLHasNoProblems() throws {
        var environment = Self.contractEnvironment
        environment["DATABASE_URL"] = "postgres://switchyard@db/switchyard"
        let result = ConfigLoader.load(yaml: Self.contractConfig, environment: environment)
        #expect(result.problems.isEmpty)
        #expect(result.config?.general.databaseURL == "postgres://switchyard@db/switchyard")
    }

    static let oneModel = "model_list:\n  - model_name: m\n    litellm_params: {model: mock/m}\n"

    @Test func jsonLogsIsReadFromGeneralOrLiteLLMSettingsWithoutAWarning() throws {
        for (section, general, litellm) in [("general_settings", true, false), ("litellm_settings", false, true)] {
            let result = ConfigLoader.load(yaml: "\(Self.oneModel)\(section):\n  json_logs: true\n", environment: [:])
            #expect(result.problems.isEmpty, "\(result.problems)")
            #expect(result.config?.general.jsonLogs == general)
            #expect(result.config?.litellm.jsonLogs == litellm)
        }
        let wrong = ConfigLoader.load(yaml: "\(Self.oneModel)general_settings:\n  json_logs: loud\n", environment: [:])
        #expect(wrong.errors.map(\.description).contains { $0.hasPrefix("general_settings.json_logs") })
    }

    @Test func callbacksTurnOnTraceExportForOtelAndWarnOfEveryOtherName() throws {
        let traced = ConfigLoader.load(yaml: "\(Self.oneModel)litellm_settings:\n  callbacks: [\"otel\"]\n", environment: [:])
        #expect(traced.problems.isEmpty, "\(traced.problems)")
        #expect(traced.config?.litellm.otelTraces == true)

        let untraced = ConfigLoader.load(yaml: Self.oneModel, environment: [:])
        #expect(untraced.config?.litellm.otelTraces == false)

        let others = ConfigLoader.load(yaml: "\(Self.oneModel)litellm_settings:\n  callbacks: [langfuse, otel]\n", environment: [:])
        #expect(others.config?.litellm.otelTraces == true)
        #expect(others.errors.isEmpty)
        #expect(others.problems.map(\.description).contains { $0.hasPrefix("litellm_settings.callbacks[0]") && $0.contains("langfuse") }, "\(others.problems)")

        let wrong = ConfigLoader.load(yaml: "\(Self.oneModel)litellm_settings:\n  callbacks: otel\n", environment: [:])
        #expect(wrong.errors.map(\.description).contains { $0.hasPrefix("litellm_settings.callbacks") }, "\(wrong.problems)")
    }

    @Test func azureDeploymentsShareAGroupWithUniqueIDs() throws {
        let yaml = """
            model_list:
              - model_name: gpt-4o
                litellm_params:
                  model: azure/my-gpt4o-deployment
                  api_base: https://my-endpoint-eu.openai.azure.com/
                  api_key: os.environ/AZURE_API_KEY_EU
                  api_version: "2024-08-01-preview"
                  rpm: 6
              - model_name: gpt-4o
                litellm_params:
                  model: azure/my-gpt4o-deployment
                  api_base: os.environ/AZURE_API_BASE_US
                  api_key: os.environ/AZURE_API_KEY_US
              - model_name: gpt-4o
                litellm_params:
                  model: azure/my-gpt4o-deployment
            """
        let environment = [
            "AZURE_API_KEY_EU": "eu-key", "AZURE_API_BASE_US": "https://my-endpoint-us.openai.azure.com",
            "AZURE_API_KEY_US": "us-key", "AZURE_API_BASE": "https://fallback.openai.azure.com/", "AZURE_API_KEY": "env-key",
        ]
        let result = ConfigLoader.load(yaml: yaml, environment: environment)
        #expect(result.problems.isEmpty)
        let deployments = try #require(result.config?.deployments)
        #expect(deployments.map(\.id) == [
            "azure/my-gpt4o-deployment", "azure/my-gpt4o-deployment#2", "azure/my-gpt4o-deployment#3",
        ])
        #expect(deployments.map(\.provider) == [.azure, .azure, .azure])
        #expect(deployments.map(\.upstreamModel) == Array(repeating: "my-gpt4o-deployment", count: 3))
        #expect(deployments.map(\.apiBase) == [
            "https://my-endpoint-eu.openai.azure.com", "https://my-endpoint-us.openai.azure.com",
            "https://fallback.openai.azure.com",
        ])
        #expect(deployments.map(\.apiKey) == ["eu-key", "us-key", "env-key"])
        #expect(deployments.map(\.apiVersion) == ["2024-08-01-preview", "2024-10-21", "2024-10-21"])
        #expect(deployments[0].rpm == 6)
    }

    @Test func azureAPIVersionFromEnvironment() throws {
        let yaml = "model_list: [{model_name: a, litellm_params: {model: azure/dep, api_base: 'https://x.openai.azure.com'}}]"
        let result = ConfigLoader.load(yaml: yaml, environment: ["AZURE_API_VERSION": "2025-01-01-preview"])
        #expect(result.config?.deployments.first?.apiVersion == "2025-01-01-preview")
    }

    @Test func ollamaBasesGetTheVersionSegment() throws {
        let yaml = """
            model_list:
              - model_name: llama3
                litellm_params:
                  model: ollama/llama3.1
                  api_base: http://localhost:11434
              - model_name: llama3-chat
                litellm_params:
                  model: ollama_chat/llama3.1
              - model_name: remote
                litellm_params:
                  model: ollama/qwen2.5
                  api_base: "http://gpu-box:11434/v1/"
            """
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems.isEmpty)
        let deployments = try #require(result.config?.deployments)
        #expect(deployments.map(\.provider) == [.ollama, .ollama, .ollama])
        #expect(deployments.map(\.apiBase) == [
            "http://localhost:11434/v1", "http://localhost:11434/v1", "http://gpu-box:11434/v1",
        ])
        #expect(deployments.map(\.apiKey) == [nil, nil, nil])
        #expect(deployments[1].upstreamModel == "llama3.1")
    }

    @Test func ollamaBaseFromEnvironment() {
        let yaml = "model_list: [{model_name: l, litellm_params: {model: ollama/llama3}}]"
        let result = ConfigLoader.load(yaml: yaml, environment: ["OLLAMA_API_BASE": "http://ollama.internal:11434"])
        #expect(result.config?.deployments.first?.apiBase == "http://ollama.internal:11434/v1")
    }

    @Test func openRouterKeepsTheSlashInTheUpstreamID() throws {
        let yaml = """
            model_list:
              - model_name: claude-via-openrouter
                litellm_params:
                  model: openrouter/anthropic/claude-3.5-sonnet
            """
        let result = ConfigLoader.load(yaml: yaml, environment: ["OPENROUTER_API_KEY": "sk-or"])
        #expect(result.problems.isEmpty)
        let deployment = try #require(result.config?.deployments.first)
        #expect(deployment.provider == .openrouter)
        #expect(deployment.upstreamModel == "anthropic/claude-3.5-sonnet")
        #expect(deployment.apiBase == "https://openrouter.ai/api/v1")
        #expect(deployment.apiKey == "sk-or")
    }

    @Test func hostedVLLMNeedsNoKey() throws {
        let yaml = """
            model_list:
              - model_name: llama
                litellm_params:
                  model: hosted_vllm/meta-llama/Llama-3.1-8B-Instruct
                  api_base: http://localhost:8000/v1
            """
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems.isEmpty)
        let deployment = try #require(result.config?.deployments.first)
        #expect(deployment.provider == .hostedVLLM)
        #expect(deployment.upstreamModel == "meta-llama/Llama-3.1-8B-Instruct")
        #expect(deployment.apiBase == "http://localhost:8000/v1")
        #expect(deployment.apiKey == nil)
    }

    @Test func openAICompatibleServerThroughAPIBase() throws {
        let yaml = """
            model_list:
              - model_name: local
                litellm_params:
                  model: openai/Qwen2.5-7B
                  api_base: http://127.0.0.1:8080/v1
            """
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems.isEmpty)
        #expect(result.config?.deployments.first?.apiBase == "http://127.0.0.1:8080/v1")
        #expect(result.config?.deployments.first?.apiKey == nil)
    }

    @Test func openAIBaseFromEitherEnvironmentVariable() {
        let yaml = "model_list: [{model_name: a, litellm_params: {model: gpt-4o}}]"
        let sdkStyle = ConfigLoader.load(yaml: yaml, environment: ["OPENAI_BASE_URL": "https://gw.example.com/v1/", "OPENAI_API_KEY": "k"])
        #expect(sdkStyle.config?.deployments.first?.apiBase == "https://gw.example.com/v1")
        let litellmStyle = ConfigLoader.load(
            yaml: yaml,
            environment: ["OPENAI_API_BASE": "https://a.example.com/v1", "OPENAI_BASE_URL": "https://b.example.com/v1"]
        )
        #expect(litellmStyle.config?.deployments.first?.apiBase == "https://a.example.com/v1")
    }

    @Test func wildcardDeployments() throws {
        let yaml = """
            model_list:
              - model_name: "anthropic/*"
                litellm_params:
                  model: "anthropic/*"
              - model_name: "*"
                litellm_params:
                  model: "openai/*"
              - model_name: "*"
                litellm_params:
                  model: "*"
            """
        let result = ConfigLoader.load(yaml: yaml, environment: ["ANTHROPIC_API_KEY": "a", "OPENAI_API_KEY": "o"])
        #expect(result.problems.isEmpty)
        let deployments = try #require(result.config?.deployments)
        #expect(deployments.map(\.isWildcard) == [true, true, true])
        #expect(deployments.map(\.provider) == [.anthropic, .openai, .openai])
        #expect(deployments.map(\.upstreamModel) == ["*", "*", "*"])
        #expect(deployments.map(\.id) == ["anthropic/*", "openai/*", "*"])
    }

    @Test func environmentVariablesSectionFeedsOSEnviron() throws {
        let yaml = """
            model_list:
              - model_name: a
                litellm_params:
                  model: openai/gpt-4o
                  api_base: os.environ/MY_BASE
                  extra_headers:
                    X-Team: os.environ/TEAM
            environment_variables:
              OPENAI_API_KEY: sk-from-config
              MY_BASE: https://proxy.example.com/v1
              TEAM: os.environ/REAL_TEAM
            """
        let environment = ["OPENAI_API_KEY": "sk-from-process", "REAL_TEAM": "search"]
        let result = ConfigLoader.load(yaml: yaml, environment: environment)
        #expect(result.problems.isEmpty)
        let deployment = try #require(result.config?.deployments.first)
        #expect(deployment.apiKey == "sk-from-config")
        #expect(deployment.apiBase == "https://proxy.example.com/v1")
        #expect(deployment.extraHeaders == ["X-Team": "search"])
    }

    @Test func numericStringsAndYAMLBooleans() throws {
        let yaml = """
            model_list:
              - model_name: a
                litellm_params:
                  model: mock/a
                  rpm: "60"
                  timeout: "12.5"
                  drop_params: yes
                  weight: 1_000
            litellm_settings:
              drop_params: "true"
              request_timeout: "30"
            """
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems.isEmpty)
        let config = try #require(result.config)
        #expect(config.deployments[0].rpm == 60)
        #expect(config.deployments[0].timeout == 12.5)
        #expect(config.deployments[0].dropParams == true)
        #expect(config.deployments[0].weight == 1000)
        #expect(config.litellm.dropParams)
        #expect(config.litellm.requestTimeout == 30)
    }

    @Test func paramsAndModelInfo() throws {
        let yaml = """
            model_list:
              - model_name: groq-llama
                litellm_params:
                  model: groq/llama-3.3-70b-versatile
                  api_key: gsk-literal
                  order: 1
                  organization: org-1
                  additional_drop_params: [logit_bias, user]
                  input_cost_per_token: 0.00000059
                  output_cost_per_token: 0.00000079
                model_info:
                  id: groq-primary
                  output_cost_per_token: 0.000001
                  max_input_tokens: 131072
                  max_output_tokens: 32768
                  mode: chat
                  base_model: llama-3.3-70b
                  supports_function_calling: true
            """
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems.isEmpty)
        let deployment = try #require(result.config?.deployments.first)
        #expect(deployment.id == "groq-primary")
        #expect(deployment.apiKey == "gsk-literal")
        #expect(deployment.apiBase == "https://api.groq.com/openai/v1")
        #expect(deployment.order == 1)
        #expect(deployment.organization == "org-1")
        #expect(deployment.additionalDropParams == ["logit_bias", "user"])
        #expect(deployment.modelInfo.id == "groq-primary")
        #expect(deployment.modelInfo.inputCostPerToken == 0.00000059)
        #expect(deployment.modelInfo.outputCostPerToken == 0.000001)
        #expect(deployment.modelInfo.maxInputTokens == 131_072)
        #expect(deployment.modelInfo.maxOutputTokens == 32_768)
        #expect(deployment.modelInfo.mode == "chat")
        #expect(deployment.modelInfo.baseModel == "llama-3.3-70b")
        #expect(deployment.modelInfo.extra == ["supports_function_calling": true])
    }

    @Test func bedrockKeepsProviderParams() throws {
        let yaml = """
            model_list:
              - model_name: claude-bedrock
                litellm_params:
                  model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
                  aws_region_name: us-east-1
                  aws_secret_access_key: os.environ/MY_AWS_SECRET
                  max_tokens: 4096
            """
        let environment = ["MY_AWS_SECRET": "secret", "AWS_ACCESS_KEY_ID": "AKIA"]
        let result = ConfigLoader.load(yaml: yaml, environment: environment)
        #expect(result.problems.isEmpty)
        let deployment = try #require(result.config?.deployments.first)
        #expect(deployment.provider == .bedrock)
        #expect(deployment.upstreamModel == "anthropic.claude-3-5-sonnet-20240620-v1:0")
        #expect(deployment.apiBase == nil)
        #expect(deployment.apiKey == nil)
        #expect(deployment.extraParams == [
            "aws_region_name": "us-east-1", "aws_secret_access_key": "secret", "max_tokens": 4096,
            "aws_access_key_id": "AKIA",
        ])
    }

    @Test func bedrockRegionFromEnvironment() {
        let yaml = "model_list: [{model_name: b, litellm_params: {model: bedrock/amazon.nova-lite-v1:0}}]"
        let result = ConfigLoader.load(yaml: yaml, environment: ["AWS_REGION": "eu-west-1"])
        #expect(result.problems.isEmpty)
        #expect(result.config?.deployments.first?.extraParams["aws_region_name"] == "eu-west-1")
    }

    @Test func customLLMProviderChoosesTheProvider() throws {
        let yaml = """
            model_list:
              - model_name: llama
                litellm_params:
                  model: meta-llama/Llama-3-8b
                  custom_llm_provider: hosted_vllm
                  api_base: http://vllm:8000/v1
            """
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems.isEmpty)
        let deployment = try #require(result.config?.deployments.first)
        #expect(deployment.provider == .hostedVLLM)
        #expect(deployment.upstreamModel == "meta-llama/Llama-3-8b")
    }

    @Test func routerSettings() throws {
        let yaml = """
            model_list:
              - {model_name: gpt-4o, litellm_params: {model: mock/gpt-4o}}
              - {model_name: gpt-4o-mini, litellm_params: {model: mock/gpt-4o-mini}}
              - {model_name: claude, litellm_params: {model: mock/claude}}
            router_settings:
              routing_strategy: usage-based-routing-v2
              allowed_fails: "5"
              cooldown_time: 12.5
              timeout: 90
              retry_after: 1
              fallbacks:
                - gpt-4o: [claude, gpt-4o-mini]
                - claude: [gpt-4o]
              context_window_fallbacks: [{gpt-4o-mini: [gpt-4o]}]
              default_fallbacks: [gpt-4o-mini]
              model_group_alias:
                gpt-4: gpt-4o
                fast: {model: gpt-4o-mini, hidden: true}
            litellm_settings:
              num_retries: 4
              fallbacks: [{gpt-4o: [gpt-4o-mini]}, {gpt-4o-mini: [claude]}]
              content_policy_fallbacks: [{claude: [gpt-4o]}]
            """
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems.isEmpty)
        let router = try #require(result.config?.router)
        #expect(router.routingStrategy == .usageBased)
        #expect(router.numRetries == 4)
        #expect(router.allowedFails == 5)
        #expect(router.cooldownTime == 12.5)
        #expect(router.timeout == 90)
        #expect(router.retryAfter == 1)
        #expect(router.fallbacks == [
            "gpt-4o": ["claude", "gpt-4o-mini"], "claude": ["gpt-4o"], "gpt-4o-mini": ["claude"],
        ])
        #expect(router.contextWindowFallbacks == ["gpt-4o-mini": ["gpt-4o"]])
        #expect(router.contentPolicyFallbacks == ["claude": ["gpt-4o"]])
        #expect(router.defaultFallbacks == ["gpt-4o-mini"])
        #expect(router.modelGroupAlias == ["gpt-4": "gpt-4o", "fast": "gpt-4o-mini"])
    }

    @Test func defaultsWhenSectionsAreAbsent() throws {
        let result = ConfigLoader.load(yaml: "model_list: [{model_name: m, litellm_params: {model: mock/m}}]", environment: [:])
        #expect(result.problems.isEmpty)
        let config = try #require(result.config)
        #expect(config.router.routingStrategy == .simpleShuffle)
        #expect(config.router.numRetries == 0)
        #expect(config.router.allowedFails == 3)
        #expect(config.router.cooldownTime == 5)
        #expect(config.router.retryAfter == 0)
        #expect(config.router.timeout == nil)
        #expect(config.router.fallbacks.isEmpty)
        #expect(config.litellm.dropParams == false)
        #expect(config.litellm.requestTimeout == 600)
        #expect(config.general.masterKey == nil)
        #expect(config.general.maxRequestSizeMB == 32)
        #expect(config.deployments[0].apiBase == nil)
        #expect(config.deployments[0].id == "mock/m")
    }

    @Test func yamlMergeKeys() throws {
        let yaml = """
            x-defaults: &defaults
              api_key: os.environ/GROQ_KEY
              rpm: 30
            model_list:
              - model_name: a
                litellm_params:
                  <<: *defaults
                  model: groq/llama-3.1-8b-instant
                  rpm: 60
            """
        let result = ConfigLoader.load(yaml: yaml, environment: ["GROQ_KEY": "gsk"])
        #expect(result.problems.map(\.description) == ["x-defaults: unknown key, ignored"])
        let deployment = try #require(result.config?.deployments.first)
        #expect(deployment.apiKey == "gsk")
        #expect(deployment.rpm == 60)
    }

    @Test func explicitIDsAndGeneratedIDsDoNotCollide() throws {
        let yaml = """
            model_list:
              - {model_name: g, litellm_params: {model: mock/x}}
              - {model_name: g, litellm_params: {model: mock/x}, model_info: {id: "mock/x#2"}}
              - {model_name: g, litellm_params: {model: mock/x}}
              - {model_name: other, litellm_params: {model: mock/x}}
            """
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems.isEmpty)
        #expect(result.config?.deployments.map(\.id) == ["mock/x", "mock/x#2", "mock/x#3", "mock/x"])
    }

    @Test func generalSettingsExtras() throws {
        let yaml = """
            model_list: [{model_name: m, litellm_params: {model: mock/m}}]
            general_settings:
              master_key: sk-1234
              max_request_size_mb: 8
              store_model_in_db: true
            """
        let result = ConfigLoader.load(yaml: yaml, environment: [:])
        #expect(result.problems.map(\.description) == ["general_settings.store_model_in_db: not supported yet, ignored"])
        let general = try #require(result.config?.general)
        #expect(general.masterKey == "sk-1234")
        #expect(general.maxRequestSizeMB == 8)
        #expect(general.extra == ["store_model_in_db": true])
    }

    @Test func loadsFromAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-\(UUID().uuidString).yaml")
        try Self.contractConfig.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = ConfigLoader.load(file: url.path, environment: Self.contractEnvironment)
        #expect(result.config?.deployments.count == 3)
    }

    @Test func unreadableFileIsAnError() {
        let result = ConfigLoader.load(file: "/nonexistent/switchyard/config.yaml", environment: [:])
        #expect(result.config == nil)
        #expect(result.problems == [.error("", "cannot read /nonexistent/switchyard/config.yaml")])
    }

    @Test func demoConfig() {
        let demo = GatewayConfig.demo()
        #expect(demo.deployments.map(\.modelName) == ["mock", "gpt-4o-mini", "claude-sonnet-4-5"])
        #expect(demo.deployments.map(\.litellmModel) == ["mock/switchyard-mock", "mock/gpt-4o-mini", "mock/claude-sonnet-4-5"])
        #expect(demo.deployments.allSatisfy { $0.provider == .mock && $0.apiBase == nil })
        #expect(demo.deployments.allSatisfy { ($0.modelInfo.inputCostPerToken ?? 0) > 0 })
        #expect(demo.deployments.allSatisfy { ($0.modelInfo.outputCostPerToken ?? 0) > 0 })
        #expect(demo.deployments.map(\.id) == demo.deployments.map(\.litellmModel))
        #expect(demo.general.masterKey == nil)
        #expect(demo.router.routingStrategy == .simpleShuffle)
    }
}
