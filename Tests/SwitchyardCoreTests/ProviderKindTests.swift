import Testing

import SwitchyardCore

@Suite struct ProviderKindTests {
    @Test func parsesPrefixedModels() throws {
        let openai = try #require(ProviderKind.parse(litellmModel: "openai/gpt-4o"))
        #expect(openai.0 == .openai && openai.1 == "gpt-4o")
        let together = try #require(ProviderKind.parse(litellmModel: "together_ai/meta-llama/Llama-3-70b"))
        #expect(together.0 == .togetherAI && together.1 == "meta-llama/Llama-3-70b")
        let router = try #require(ProviderKind.parse(litellmModel: "openrouter/anthropic/claude-3"))
        #expect(router.0 == .openrouter && router.1 == "anthropic/claude-3")
        let wildcard = try #require(ProviderKind.parse(litellmModel: "deepseek/*"))
        #expect(wildcard.0 == .deepseek && wildcard.1 == "*")
    }

    @Test func bareModelIsOpenAI() throws {
        let bare = try #require(ProviderKind.parse(litellmModel: "gpt-4o-mini"))
        #expect(bare.0 == .openai && bare.1 == "gpt-4o-mini")
        let star = try #require(ProviderKind.parse(litellmModel: "*"))
        #expect(star.0 == .openai && star.1 == "*")
    }

    @Test func ollamaChatIsOllama() throws {
        let parsed = try #require(ProviderKind.parse(litellmModel: "ollama_chat/llama3.1"))
        #expect(parsed.0 == .ollama && parsed.1 == "llama3.1")
    }

    @Test func unknownPrefixIsNil() {
        #expect(ProviderKind.parse(litellmModel: "vertex_ai/gemini-pro") == nil)
        #expect(ProviderKind.parse(litellmModel: "/gpt-4o") == nil)
    }

    @Test func everyProviderRoundTripsItsPrefix() throws {
        for kind in ProviderKind.allCases {
            let parsed = try #require(ProviderKind.parse(litellmModel: "\(kind.prefix)/some-model"))
            #expect(parsed.0 == kind)
            #expect(parsed.1 == "some-model")
        }
    }

    @Test func dialects() {
        #expect(ProviderKind.anthropic.dialect == .anthropic)
        #expect(ProviderKind.gemini.dialect == .gemini)
        #expect(ProviderKind.bedrock.dialect == .bedrock)
        #expect(ProviderKind.mock.dialect == .mock)
        let openAICompatible: [ProviderKind] = [
            .openai, .azure, .openrouter, .deepseek, .groq, .mistral, .togetherAI, .fireworksAI, .xai, .cohere,
            .ollama, .hostedVLLM,
        ]
        for kind in openAICompatible {
            #expect(kind.dialect == .openAI, "\(kind)")
        }
    }

    @Test func defaultBases() {
        #expect(ProviderKind.openai.defaultAPIBase == "https://api.openai.com/v1")
        #expect(ProviderKind.anthropic.defaultAPIBase == "https://api.anthropic.com")
        #expect(ProviderKind.gemini.defaultAPIBase == "https://generativelanguage.googleapis.com")
        #expect(ProviderKind.openrouter.defaultAPIBase == "https://openrouter.ai/api/v1")
        #expect(ProviderKind.deepseek.defaultAPIBase == "https://api.deepseek.com/v1")
        #expect(ProviderKind.groq.defaultAPIBase == "https://api.groq.com/openai/v1")
        #expect(ProviderKind.mistral.defaultAPIBase == "https://api.mistral.ai/v1")
        #expect(ProviderKind.togetherAI.defaultAPIBase == "https://api.together.xyz/v1")
        #expect(ProviderKind.fireworksAI.defaultAPIBase == "https://api.fireworks.ai/inference/v1")
        #expect(ProviderKind.xai.defaultAPIBase == "https://api.x.ai/v1")
        #expect(ProviderKind.cohere.defaultAPIBase == "https://api.cohere.ai/compatibility/v1")
        #expect(ProviderKind.ollama.defaultAPIBase == "http://localhost:11434/v1")
        for kind in [ProviderKind.azure, .hostedVLLM, .bedrock, .mock] {
            #expect(kind.defaultAPIBase == nil)
        }
    }

    @Test func environmentVariables() {
        #expect(ProviderKind.openai.apiKeyEnvironmentVariable == "OPENAI_API_KEY")
        #expect(ProviderKind.togetherAI.apiKeyEnvironmentVariable == "TOGETHERAI_API_KEY")
        #expect(ProviderKind.fireworksAI.apiKeyEnvironmentVariable == "FIREWORKS_AI_API_KEY")
        #expect(ProviderKind.hostedVLLM.apiKeyEnvironmentVariable == "HOSTED_VLLM_API_KEY")
        #expect(ProviderKind.bedrock.apiKeyEnvironmentVariable == nil)
        #expect(ProviderKind.ollama.apiKeyEnvironmentVariable == nil)
        #expect(ProviderKind.mock.apiKeyEnvironmentVariable == nil)
        #expect(ProviderKind.azure.apiBaseEnvironmentVariable == "AZURE_API_BASE")
        #expect(ProviderKind.openai.apiBaseEnvironmentVariables == ["OPENAI_API_BASE", "OPENAI_BASE_URL"])
        #expect(ProviderKind.anthropic.apiBaseEnvironmentVariable == nil)
    }

    @Test func keyRequirements() {
        #expect(ProviderKind.openai.requiresAPIKey)
        #expect(ProviderKind.anthropic.requiresAPIKey)
        for kind in [ProviderKind.ollama, .hostedVLLM, .mock, .bedrock] {
            #expect(!kind.requiresAPIKey)
        }
    }

    @Test func unsupportedParams() {
        #expect(ProviderKind.openai.unsupportedOpenAIParams.isEmpty)
        #expect(ProviderKind.azure.unsupportedOpenAIParams.isEmpty)
        #expect(ProviderKind.mock.unsupportedOpenAIParams.isEmpty)
        #expect(ProviderKind.groq.unsupportedOpenAIParams == ["logprobs", "logit_bias", "top_logprobs", "n"])
        #expect(ProviderKind.anthropic.unsupportedOpenAIParams.contains("logit_bias"))
        #expect(!ProviderKind.anthropic.unsupportedOpenAIParams.contains("temperature"))
        for kind in ProviderKind.allCases {
            #expect(!kind.unsupportedOpenAIParams.contains("model"))
            #expect(!kind.unsupportedOpenAIParams.contains("messages"))
        }
    }
}
