/// The body of `POST /v1/responses`.
///
/// Every member the gateway reads is typed; anything else the client sent (`background`,
/// `prompt`, `conversation`, `service_tier`, `prompt_cache_key`…) is kept in `extra` and
/// written back, so a pass-through drops nothing. Absent fields are omitted when encoding.
public struct ResponsesRequest: Sendable, Hashable {
    public var model: String
    public var input: ResponsesInput?
    /// A system message for this response only; a `previous_response_id` does not carry it over.
    public var instructions: String?
    public var tools: [ResponsesTool]?
    /// Beware `toolChoice == .none` on the optional: write `toolChoice == ResponsesToolChoice.none`.
    public var toolChoice: ResponsesToolChoice?
    public var parallelToolCalls: Bool?
    public var text: ResponsesTextConfig?
    public var reasoning: ResponsesReasoning?
    public var maxOutputTokens: Int?
    public var temperature: Double?
    public var topP: Double?
    public var metadata: [String: JSONValue]?
    /// Whether the response may be fetched later and continued with `previous_response_id`.
    public var store: Bool?
    public var previousResponseID: String?
    /// `auto` or `disabled`.
    public var truncation: String?
    public var stream: Bool?
    public var user: String?
    /// Extra output to include (`reasoning.encrypted_content`, `message.output_text.logprobs`…).
    public var include: [String]?
    public var extra: [String: JSONValue]

    public init(
        model: String,
        input: ResponsesInput? = nil,
        instructions: String? = nil,
        tools: [ResponsesTool]? = nil,
        toolChoice: ResponsesToolChoice? = nil,
        parallelToolCalls: Bool? = nil,
        text: ResponsesTextConfig? = nil,
        reasoning: ResponsesReasoning? = nil,
        maxOutputTokens: Int? = nil,
        temperature: Double? = nil,
        topP: Double? = nil,
        metadata: [String: JSONValue]? = nil,
        store: Bool? = nil,
        previousResponseID: String? = nil,
        truncation: String? = nil,
        stream: Bool? = nil,
        user: String? = nil,
        include: [String]? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.model = model
        self.input = input
        self.instructions = instructions
        self.tools = tools
        self.toolChoice = toolChoice
        self.parallelToolCalls = parallelToolCalls
        self.text = text
        self.reasoning = reasoning
        self.maxOutputTokens = maxOutputTokens
        self.temperature = temperature
        self.topP = topP
        self.metadata = metadata
        self.store = store
        self.previousResponseID = previousResponseID
        self.truncation = truncation
        self.stream = stream
        self.user = user
        self.include = include
        self.extra = extra
    }
}

extension ResponsesRequest: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case model
        case input
        case instructions
        case tools
        case toolChoice = "tool_choice"
        case parallelToolCalls = "parallel_tool_calls"
        case text
        case reasoning
        case maxOutputTokens = "max_output_tokens"
        case temperature
        case topP = "top_p"
        case metadata
        case store
        case previousResponseID = "previous_response_id"
        case truncation
        case stream
        case user
        case include
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        input = try container.decodeIfPresent(ResponsesInput.self, forKey: .input)
        instructions = try container.decodeIfPresent(String.self, forKey: .instructions)
        tools = try container.decodeIfPresent([ResponsesTool].self, forKey: .tools)
        toolChoice = try container.decodeIfPresent(ResponsesToolChoice.self, forKey: .toolChoice)
        parallelToolCalls = try container.decodeIfPresent(Bool.self, forKey: .parallelToolCalls)
        text = try container.decodeIfPresent(ResponsesTextConfig.self, forKey: .text)
        reasoning = try container.decodeIfPresent(ResponsesReasoning.self, forKey: .reasoning)
        maxOutputTokens = try container.decodeIfPresent(Int.self, forKey: .maxOutputTokens)
        temperature = try container.decodeIfPresent(Double.self, forKey: .temperature)
        topP = try container.decodeIfPresent(Double.self, forKey: .topP)
        metadata = try container.decodeIfPresent([String: JSONValue].self, forKey: .metadata)
        store = try container.decodeIfPresent(Bool.self, forKey: .store)
        previousResponseID = try container.decodeIfPresent(String.self, forKey: .previousResponseID)
        truncation = try container.decodeIfPresent(String.self, forKey: .truncation)
        stream = try container.decodeIfPresent(Bool.self, forKey: .stream)
        user = try container.decodeIfPresent(String.self, forKey: .user)
        include = try container.decodeIfPresent([String].self, forKey: .include)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encodeIfPresent(input, forKey: .input)
        try container.encodeIfPresent(instructions, forKey: .instructions)
        try container.encodeIfPresent(tools, forKey: .tools)
        try container.encodeIfPresent(toolChoice, forKey: .toolChoice)
        try container.encodeIfPresent(parallelToolCalls, forKey: .parallelToolCalls)
        try container.encodeIfPresent(text, forKey: .text)
        try container.encodeIfPresent(reasoning, forKey: .reasoning)
        try container.encodeIfPresent(maxOutputTokens, forKey: .maxOutputTokens)
        try container.encodeIfPresent(temperature, forKey: .temperature)
        try container.encodeIfPresent(topP, forKey: .topP)
        try container.encodeIfPresent(metadata, forKey: .metadata)
        try container.encodeIfPresent(store, forKey: .store)
        try container.encodeIfPresent(previousResponseID, forKey: .previousResponseID)
        try container.encodeIfPresent(truncation, forKey: .truncation)
        try container.encodeIfPresent(stream, forKey: .stream)
        try container.encodeIfPresent(user, forKey: .user)
        try container.encodeIfPresent(include, forKey: .include)
        try encoder.encodeExtraFields(extra)
    }
}
