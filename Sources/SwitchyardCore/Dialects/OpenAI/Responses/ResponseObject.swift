/// A response (`"object": "response"`): what `POST /v1/responses` answers and
/// `GET /v1/responses/{id}` returns, and the payload of the stream's lifecycle events.
///
/// The members OpenAI's SDKs treat as required are always written, as `null`, `[]` or `{}`
/// when empty (`error`, `incomplete_details`, `instructions`, `tools`, `metadata`,
/// `tool_choice`, `parallel_tool_calls`, `usage`…), as OpenAI's own responses do; members this
/// type does not model (`service_tier`, `background`, `conversation`…) are kept in `extra`.
public struct ResponseObject: Sendable, Hashable {
    public var id: String
    public var object: String
    /// Unix time in seconds.
    public var createdAt: Int
    public var status: ResponseStatus
    public var error: ResponseError?
    public var incompleteDetails: ResponseIncompleteDetails?
    /// The request's `instructions`: a string, or input items for a prompt template.
    public var instructions: JSONValue?
    public var maxOutputTokens: Int?
    /// The model the client asked for (its alias, not the deployment's name).
    public var model: String
    public var output: [ResponseItem]
    public var parallelToolCalls: Bool
    public var previousResponseID: String?
    public var reasoning: ResponsesReasoning?
    public var store: Bool?
    public var temperature: Double?
    public var text: ResponsesTextConfig?
    public var toolChoice: ResponsesToolChoice
    public var tools: [ResponsesTool]
    public var topP: Double?
    public var truncation: String?
    public var usage: ResponseUsage?
    public var user: String?
    public var metadata: [String: JSONValue]
    public var extra: [String: JSONValue]

    public init(
        id: String,
        object: String = "response",
        createdAt: Int,
        status: ResponseStatus,
        error: ResponseError? = nil,
        incompleteDetails: ResponseIncompleteDetails? = nil,
        instructions: JSONValue? = nil,
        maxOutputTokens: Int? = nil,
        model: String,
        output: [ResponseItem] = [],
        parallelToolCalls: Bool = true,
        previousResponseID: String? = nil,
        reasoning: ResponsesReasoning? = nil,
        store: Bool? = nil,
        temperature: Double? = nil,
        text: ResponsesTextConfig? = nil,
        toolChoice: ResponsesToolChoice = .auto,
        tools: [ResponsesTool] = [],
        topP: Double? = nil,
        truncation: String? = nil,
        usage: ResponseUsage? = nil,
        user: String? = nil,
        metadata: [String: JSONValue] = [:],
        extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.object = object
        self.createdAt = createdAt
        self.status = status
        self.error = error
        self.incompleteDetails = incompleteDetails
        self.instructions = instructions
        self.maxOutputTokens = maxOutputTokens
        self.model = model
        self.output = output
        self.parallelToolCalls = parallelToolCalls
        self.previousResponseID = previousResponseID
        self.reasoning = reasoning
        self.store = store
        self.temperature = temperature
        self.text = text
        self.toolChoice = toolChoice
        self.tools = tools
        self.topP = topP
        self.truncation = truncation
        self.usage = usage
        self.user = user
        self.metadata = metadata
        self.extra = extra
    }

    /// The text of every `output_text` part of every message item, concatenated, as the SDKs'
    /// `output_text` property computes it.
    public var outputText: String {
        output.map { item in
            guard case .message(let message) = item, case .parts(let parts) = message.content else { return "" }
            return parts.map { part in
                if case .outputText(let output) = part { return output.text }
                return ""
            }.joined()
        }.joined()
    }
}

extension ResponseObject: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case object
        case createdAt = "created_at"
        case status
        case error
        case incompleteDetails = "incomplete_details"
        case instructions
        case maxOutputTokens = "max_output_tokens"
        case model
        case output
        case parallelToolCalls = "parallel_tool_calls"
        case previousResponseID = "previous_response_id"
        case reasoning
        case store
        case temperature
        case text
        case toolChoice = "tool_choice"
        case tools
        case topP = "top_p"
        case truncation
        case usage
        case user
        case metadata
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        object = try container.decodeIfPresent(String.self, forKey: .object) ?? "response"
        // OpenAI documents a number of seconds; some servers write a fraction.
        createdAt = Int(try container.decode(Double.self, forKey: .createdAt))
        status = try container.decodeIfPresent(ResponseStatus.self, forKey: .status) ?? .completed
        error = try container.decodeIfPresent(ResponseError.self, forKey: .error)
        incompleteDetails = try container.decodeIfPresent(ResponseIncompleteDetails.self, forKey: .incompleteDetails)
        instructions = try container.decodeIfPresent(JSONValue.self, forKey: .instructions).flatMap { $0.isNull ? nil : $0 }
        maxOutputTokens = try container.decodeIfPresent(Int.self, forKey: .maxOutputTokens)
        model = try container.decode(String.self, forKey: .model)
        output = try container.decodeIfPresent([ResponseItem].self, forKey: .output) ?? []
        parallelToolCalls = try container.decodeIfPresent(Bool.self, forKey: .parallelToolCalls) ?? true
        previousResponseID = try container.decodeIfPresent(String.self, forKey: .previousResponseID)
        reasoning = try container.decodeIfPresent(ResponsesReasoning.self, forKey: .reasoning)
        store = try container.decodeIfPresent(Bool.self, forKey: .store)
        temperature = try container.decodeIfPresent(Double.self, forKey: .temperature)
        text = try container.decodeIfPresent(ResponsesTextConfig.self, forKey: .text)
        toolChoice = try container.decodeIfPresent(ResponsesToolChoice.self, forKey: .toolChoice) ?? .auto
        tools = try container.decodeIfPresent([ResponsesTool].self, forKey: .tools) ?? []
        topP = try container.decodeIfPresent(Double.self, forKey: .topP)
        truncation = try container.decodeIfPresent(String.self, forKey: .truncation)
        usage = try container.decodeIfPresent(ResponseUsage.self, forKey: .usage)
        user = try container.decodeIfPresent(String.self, forKey: .user)
        metadata = try container.decodeIfPresent([String: JSONValue].self, forKey: .metadata) ?? [:]
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(status, forKey: .status)
        try container.encode(error, forKey: .error)
        try container.encode(incompleteDetails, forKey: .incompleteDetails)
        try container.encode(instructions, forKey: .instructions)
        try container.encode(maxOutputTokens, forKey: .maxOutputTokens)
        try container.encode(model, forKey: .model)
        try container.encode(output, forKey: .output)
        try container.encode(parallelToolCalls, forKey: .parallelToolCalls)
        try container.encode(previousResponseID, forKey: .previousResponseID)
        try container.encode(reasoning, forKey: .reasoning)
        try container.encodeIfPresent(store, forKey: .store)
        try container.encode(temperature, forKey: .temperature)
        try container.encodeIfPresent(text, forKey: .text)
        try container.encode(toolChoice, forKey: .toolChoice)
        try container.encode(tools, forKey: .tools)
        try container.encode(topP, forKey: .topP)
        try container.encodeIfPresent(truncation, forKey: .truncation)
        try container.encode(usage, forKey: .usage)
        try container.encode(user, forKey: .user)
        try container.encode(metadata, forKey: .metadata)
        try encoder.encodeExtraFields(extra)
    }
}
