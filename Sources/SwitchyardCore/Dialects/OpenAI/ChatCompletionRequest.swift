/// The body of `POST /v1/chat/completions`.
///
/// Every member OpenAI documents that the gateway reads is typed; anything else the client sent
/// (`prediction`, `audio`, `web_search_options`, provider-specific knobs) is kept in `extra`
/// and written back, so a pass-through drops nothing. Absent fields are omitted when encoding.
public struct ChatCompletionRequest: Sendable, Hashable {
    public var model: String
    public var messages: [ChatMessage]
    public var stream: Bool?
    public var streamOptions: StreamOptions?
    public var tools: [ChatTool]?
    /// Beware `toolChoice == .none` on the optional: write `toolChoice == ToolChoice.none`.
    public var toolChoice: ToolChoice?
    public var parallelToolCalls: Bool?
    public var temperature: Double?
    public var topP: Double?
    public var maxTokens: Int?
    public var maxCompletionTokens: Int?
    public var n: Int?
    /// Stop sequences; OpenAI accepts a single string or an array.
    public var stop: [String]?
    /// Whether `stop` is written as a bare string (it arrived as one); only honoured for one value.
    public var stopAsString: Bool
    public var responseFormat: ResponseFormat?
    public var seed: Int?
    public var user: String?
    public var presencePenalty: Double?
    public var frequencyPenalty: Double?
    /// Token id (as a string) to bias, -100…100.
    public var logitBias: [String: Double]?
    public var logprobs: Bool?
    public var topLogprobs: Int?
    public var reasoningEffort: ReasoningEffort?
    /// Free-form tags; OpenAI takes strings, LiteLLM clients send any JSON here.
    public var metadata: [String: JSONValue]?
    public var store: Bool?
    public var serviceTier: ServiceTier?
    public var modalities: [String]?
    public var extra: [String: JSONValue]

    public init(
        model: String,
        messages: [ChatMessage],
        stream: Bool? = nil,
        streamOptions: StreamOptions? = nil,
        tools: [ChatTool]? = nil,
        toolChoice: ToolChoice? = nil,
        parallelToolCalls: Bool? = nil,
        temperature: Double? = nil,
        topP: Double? = nil,
        maxTokens: Int? = nil,
        maxCompletionTokens: Int? = nil,
        n: Int? = nil,
        stop: [String]? = nil,
        stopAsString: Bool = false,
        responseFormat: ResponseFormat? = nil,
        seed: Int? = nil,
        user: String? = nil,
        presencePenalty: Double? = nil,
        frequencyPenalty: Double? = nil,
        logitBias: [String: Double]? = nil,
        logprobs: Bool? = nil,
        topLogprobs: Int? = nil,
        reasoningEffort: ReasoningEffort? = nil,
        metadata: [String: JSONValue]? = nil,
        store: Bool? = nil,
        serviceTier: ServiceTier? = nil,
        modalities: [String]? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.model = model
        self.messages = messages
        self.stream = stream
        self.streamOptions = streamOptions
        self.tools = tools
        self.toolChoice = toolChoice
        self.parallelToolCalls = parallelToolCalls
        self.temperature = temperature
        self.topP = topP
        self.maxTokens = maxTokens
        self.maxCompletionTokens = maxCompletionTokens
        self.n = n
        self.stop = stop
        self.stopAsString = stopAsString
        self.responseFormat = responseFormat
        self.seed = seed
        self.user = user
        self.presencePenalty = presencePenalty
        self.frequencyPenalty = frequencyPenalty
        self.logitBias = logitBias
        self.logprobs = logprobs
        self.topLogprobs = topLogprobs
        self.reasoningEffort = reasoningEffort
        self.metadata = metadata
        self.store = store
        self.serviceTier = serviceTier
        self.modalities = modalities
        self.extra = extra
    }
}

extension ChatCompletionRequest: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case model
        case messages
        case stream
        case streamOptions = "stream_options"
        case tools
        case toolChoice = "tool_choice"
        case parallelToolCalls = "parallel_tool_calls"
        case temperature
        case topP = "top_p"
        case maxTokens = "max_tokens"
        case maxCompletionTokens = "max_completion_tokens"
        case n
        case stop
        case responseFormat = "response_format"
        case seed
        case user
        case presencePenalty = "presence_penalty"
        case frequencyPenalty = "frequency_penalty"
        case logitBias = "logit_bias"
        case logprobs
        case topLogprobs = "top_logprobs"
        case reasoningEffort = "reasoning_effort"
        case metadata
        case store
        case serviceTier = "service_tier"
        case modalities
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        messages = try container.decode([ChatMessage].self, forKey: .messages)
        stream = try container.decodeIfPresent(Bool.self, forKey: .stream)
        streamOptions = try container.decodeIfPresent(StreamOptions.self, forKey: .streamOptions)
        tools = try container.decodeIfPresent([ChatTool].self, forKey: .tools)
        toolChoice = try container.decodeIfPresent(ToolChoice.self, forKey: .toolChoice)
        parallelToolCalls = try container.decodeIfPresent(Bool.self, forKey: .parallelToolCalls)
        temperature = try container.decodeIfPresent(Double.self, forKey: .temperature)
        topP = try container.decodeIfPresent(Double.self, forKey: .topP)
        maxTokens = try container.decodeIfPresent(Int.self, forKey: .maxTokens)
        maxCompletionTokens = try container.decodeIfPresent(Int.self, forKey: .maxCompletionTokens)
        n = try container.decodeIfPresent(Int.self, forKey: .n)
        (stop, stopAsString) = try OpenAIStopField.decode(from: container, forKey: .stop)
        responseFormat = try container.decodeIfPresent(ResponseFormat.self, forKey: .responseFormat)
        seed = try container.decodeIfPresent(Int.self, forKey: .seed)
        user = try container.decodeIfPresent(String.self, forKey: .user)
        presencePenalty = try container.decodeIfPresent(Double.self, forKey: .presencePenalty)
        frequencyPenalty = try container.decodeIfPresent(Double.self, forKey: .frequencyPenalty)
        logitBias = try container.decodeIfPresent([String: Double].self, forKey: .logitBias)
        logprobs = try container.decodeIfPresent(Bool.self, forKey: .logprobs)
        topLogprobs = try container.decodeIfPresent(Int.self, forKey: .topLogprobs)
        reasoningEffort = try container.decodeIfPresent(ReasoningEffort.self, forKey: .reasoningEffort)
        metadata = try container.decodeIfPresent([String: JSONValue].self, forKey: .metadata)
        store = try container.decodeIfPresent(Bool.self, forKey: .store)
        serviceTier = try container.decodeIfPresent(ServiceTier.self, forKey: .serviceTier)
        modalities = try container.decodeIfPresent([String].self, forKey: .modalities)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(messages, forKey: .messages)
        try container.encodeIfPresent(stream, forKey: .stream)
        try container.encodeIfPresent(streamOptions, forKey: .streamOptions)
        try container.encodeIfPresent(tools, forKey: .tools)
        try container.encodeIfPresent(toolChoice, forKey: .toolChoice)
        try container.encodeIfPresent(parallelToolCalls, forKey: .parallelToolCalls)
        try container.encodeIfPresent(temperature, forKey: .temperature)
        try container.encodeIfPresent(topP, forKey: .topP)
        try container.encodeIfPresent(maxTokens, forKey: .maxTokens)
        try container.encodeIfPresent(maxCompletionTokens, forKey: .maxCompletionTokens)
        try container.encodeIfPresent(n, forKey: .n)
        try OpenAIStopField.encode(stop, asString: stopAsString, to: &container, forKey: .stop)
        try container.encodeIfPresent(responseFormat, forKey: .responseFormat)
        try container.encodeIfPresent(seed, forKey: .seed)
        try container.encodeIfPresent(user, forKey: .user)
        try container.encodeIfPresent(presencePenalty, forKey: .presencePenalty)
        try container.encodeIfPresent(frequencyPenalty, forKey: .frequencyPenalty)
        try container.encodeIfPresent(logitBias, forKey: .logitBias)
        try container.encodeIfPresent(logprobs, forKey: .logprobs)
        try container.encodeIfPresent(topLogprobs, forKey: .topLogprobs)
        try container.encodeIfPresent(reasoningEffort, forKey: .reasoningEffort)
        try container.encodeIfPresent(metadata, forKey: .metadata)
        try container.encodeIfPresent(store, forKey: .store)
        try container.encodeIfPresent(serviceTier, forKey: .serviceTier)
        try container.encodeIfPresent(modalities, forKey: .modalities)
        try encoder.encodeExtraFields(extra)
    }
}
