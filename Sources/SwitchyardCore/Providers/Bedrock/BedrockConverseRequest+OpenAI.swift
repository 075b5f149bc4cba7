extension BedrockConverseRequest {
    /// The tool that stands in for OpenAI's `response_format` (LiteLLM's name for it).
    ///
    /// Converse has no JSON mode, so the request offers this tool, with the wanted schema as its
    /// input schema, and forces it; the response and stream translators turn its input back
    /// into the message text when given `jsonMode`.
    public static let jsonResponseToolName = "json_tool_call"

    /// Whether this request emulates JSON mode with `json_tool_call`; pass it as `jsonMode` to
    /// the response and stream translators.
    public var usesJSONResponseTool: Bool {
        toolConfig?.tools.contains { $0.name == Self.jsonResponseToolName } ?? false
    }

    /// The Converse request for an OpenAI chat request (OpenAI client → Bedrock provider).
    ///
    /// - system and developer messages become `system`; user and tool messages become user
    ///   turns (tool results as `toolResult` blocks, a content that parses as a JSON object as
    ///   `{json}`, else `{text}`); consecutive messages of one role merge into one turn, as
    ///   Converse wants turns to alternate.
    /// - assistant `tool_calls` become `toolUse` blocks; arguments that are not a JSON object
    ///   are a 400 naming the message. `thinking_blocks` in an assistant message's extra go back
    ///   as `reasoningContent`.
    /// - images must be `data:` URLs (png, jpeg, gif, webp): Converse takes bytes and the
    ///   gateway does not fetch URLs.
    /// - `max_completion_tokens` (else `max_tokens`), `temperature`, `top_p` and `stop` go to
    ///   `inferenceConfig`; `tool_choice` `required` → `any`, a named function → `tool`,
    ///   `none` → no tools at all.
    /// - `response_format` `json_object` / `json_schema` → a forced `json_tool_call` tool.
    /// - `reasoning_effort` (or a `thinking` object in extra) → Claude's `thinking` in
    ///   `additionalModelRequestFields`, for `anthropic.` models only.
    /// - `guardrailConfig`, `performanceConfig`, `requestMetadata`,
    ///   `additionalModelRequestFields` and `additionalModelResponseFieldPaths` in the request's
    ///   extra pass through; `top_k` goes where the model family takes it.
    ///
    /// What Converse cannot express (`n` > 1, `logprobs`, `logit_bias`, penalties, `seed`, an
    /// image URL, audio, files) is a 400 naming the field, or is left out when
    /// `dropUnsupported` (LiteLLM's `drop_params`).
    ///
    /// - Parameter modelID: the Bedrock model id the request goes to, which decides model-family
    ///   features (thinking, `top_k`); defaults to `request.model`.
    public init(openAI request: ChatCompletionRequest, modelID: String? = nil, dropUnsupported: Bool = false) throws(GatewayError) {
        let policy = BedrockDropPolicy(dropUnsupported: dropUnsupported)
        let family = BedrockModelFamily(modelID: modelID ?? request.model)
        try Self.checkUnsupportedParameters(of: request, policy: policy)

        var conversation = BedrockConversationBuilder(policy: policy)
        for (index, message) in request.messages.enumerated() {
            try conversation.add(message, at: index)
        }
        self.init(messages: conversation.messages)
        if !conversation.system.isEmpty { system = conversation.system }

        var inference = BedrockInferenceConfig(
            maxTokens: request.maxCompletionTokens ?? request.maxTokens,
            temperature: request.temperature,
            topP: request.topP,
            stopSequences: request.stop.map { $0.filter { !$0.isEmpty } }.flatMap { $0.isEmpty ? nil : $0 }
        )
        toolConfig = try Self.toolConfig(for: request, policy: policy)
        var fields = additionalModelRequestFields ?? [:]
        try Self.applyTopK(request.extra["top_k"], family: family, to: &fields, policy: policy)
        try Self.applyThinking(request, family: family, inference: &inference, toolConfig: &toolConfig, fields: &fields, policy: policy)
        if !inference.isEmpty { inferenceConfig = inference }
        if toolConfig == nil, conversation.usesTools {
            toolConfig = Self.placeholderToolConfig
        }
        applyPassThrough(request.extra, fields: &fields)
        if !fields.isEmpty { additionalModelRequestFields = fields }
    }

    /// OpenAI parameters Converse has no place for.
    private static func checkUnsupportedParameters(of request: ChatCompletionRequest, policy: BedrockDropPolicy) throws(GatewayError) {
        if let n = request.n, n > 1 {
            try policy.unsupported("Bedrock Converse returns one choice; n must be 1.", param: "n")
        }
        if request.logprobs == true {
            try policy.unsupported("Bedrock Converse does not return log probabilities.", param: "logprobs")
        }
        if request.topLogprobs != nil {
            try policy.unsupported("Bedrock Converse does not return log probabilities.", param: "top_logprobs")
        }
        if let bias = request.logitBias, !bias.isEmpty {
            try policy.unsupported("Bedrock Converse has no logit bias.", param: "logit_bias")
        }
        if request.presencePenalty != nil {
            try policy.unsupported("Bedrock Converse has no presence penalty.", param: "presence_penalty")
        }
        if request.frequencyPenalty != nil {
            try policy.unsupported("Bedrock Converse has no frequency penalty.", param: "frequency_penalty")
        }
        if request.seed != nil {
            try policy.unsupported("Bedrock Converse has no seed.", param: "seed")
        }
    }

    /// Converse members a client may send through the OpenAI body, as LiteLLM accepts them.
    private mutating func applyPassThrough(_ extra: [String: JSONValue], fields: inout [String: JSONValue]) {
        if let value = extra["guardrailConfig"] { guardrailConfig = value }
        if let value = extra["performanceConfig"] { performanceConfig = value }
        if let object = extra["requestMetadata"]?.objectValue {
            requestMetadata = object.compactMapValues(\.stringValue)
        }
        if let paths = extra["additionalModelResponseFieldPaths"]?.arrayValue {
            additionalModelResponseFieldPaths = paths.compactMap(\.stringValue)
        }
        for (key, value) in extra["additionalModelRequestFields"]?.objectValue ?? [:] {
            fields[key] = value
        }
    }

    /// `top_k`: Claude takes it at the top of the model fields, Nova inside `inferenceConfig`.
    private static func applyTopK(
        _ value: JSONValue?,
        family: BedrockModelFamily,
        to fields: inout [String: JSONValue],
        policy: BedrockDropPolicy
    ) throws(GatewayError) {
        guard let value, !value.isNull else { return }
        switch family {
        case .anthropic: fields["top_k"] = value
        case .nova: fields["inferenceConfig"] = ["topK": value]
        case .other: try policy.unsupported("This Bedrock model takes no top_k through Converse.", param: "top_k")
        }
    }
}
