/// The body of the legacy `POST /v1/completions`.
///
/// `prompt` may be a string, an array of strings, an array of token ids or an array of such
/// arrays; it is carried as JSON. Unknown members (`best_of`, `logit_bias`…) stay in `extra`.
public struct CompletionRequest: Sendable, Hashable {
    public var model: String
    public var prompt: JSONValue?
    public var maxTokens: Int?
    public var temperature: Double?
    public var topP: Double?
    public var n: Int?
    public var stream: Bool?
    public var streamOptions: StreamOptions?
    /// Stop sequences; OpenAI accepts a single string or an array.
    public var stop: [String]?
    /// Whether `stop` is written as a bare string (it arrived as one); only honoured for one value.
    public var stopAsString: Bool
    /// Whether the answer repeats the prompt before the completion.
    public var echo: Bool?
    public var suffix: String?
    /// How many most likely tokens to report per position (an integer here, unlike chat).
    public var logprobs: Int?
    public var seed: Int?
    public var user: String?
    public var extra: [String: JSONValue]

    public init(
        model: String,
        prompt: JSONValue? = nil,
        maxTokens: Int? = nil,
        temperature: Double? = nil,
        topP: Double? = nil,
        n: Int? = nil,
        stream: Bool? = nil,
        streamOptions: StreamOptions? = nil,
        stop: [String]? = nil,
        stopAsString: Bool = false,
        echo: Bool? = nil,
        suffix: String? = nil,
        logprobs: Int? = nil,
        seed: Int? = nil,
        user: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.model = model
        self.prompt = prompt
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topP = topP
        self.n = n
        self.stream = stream
        self.streamOptions = streamOptions
        self.stop = stop
        self.stopAsString = stopAsString
        self.echo = echo
        self.suffix = suffix
        self.logprobs = logprobs
        self.seed = seed
        self.user = user
        self.extra = extra
    }

    /// The prompt's first text: the string, or the first string of an array; "" otherwise.
    public var promptText: String {
        switch prompt {
        case .string(let text): text
        case .array(let items): items.first?.stringValue ?? ""
        default: ""
        }
    }
}

extension CompletionRequest: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case model
        case prompt
        case maxTokens = "max_tokens"
        case temperature
        case topP = "top_p"
        case n
        case stream
        case streamOptions = "stream_options"
        case stop
        case echo
        case suffix
        case logprobs
        case seed
        case user
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        prompt = try container.decodeIfPresent(JSONValue.self, forKey: .prompt)
        maxTokens = try container.decodeIfPresent(Int.self, forKey: .maxTokens)
        temperature = try container.decodeIfPresent(Double.self, forKey: .temperature)
        topP = try container.decodeIfPresent(Double.self, forKey: .topP)
        n = try container.decodeIfPresent(Int.self, forKey: .n)
        stream = try container.decodeIfPresent(Bool.self, forKey: .stream)
        streamOptions = try container.decodeIfPresent(StreamOptions.self, forKey: .streamOptions)
        (stop, stopAsString) = try OpenAIStopField.decode(from: container, forKey: .stop)
        echo = try container.decodeIfPresent(Bool.self, forKey: .echo)
        suffix = try container.decodeIfPresent(String.self, forKey: .suffix)
        logprobs = try container.decodeIfPresent(Int.self, forKey: .logprobs)
        seed = try container.decodeIfPresent(Int.self, forKey: .seed)
        user = try container.decodeIfPresent(String.self, forKey: .user)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encodeIfPresent(prompt, forKey: .prompt)
        try container.encodeIfPresent(maxTokens, forKey: .maxTokens)
        try container.encodeIfPresent(temperature, forKey: .temperature)
        try container.encodeIfPresent(topP, forKey: .topP)
        try container.encodeIfPresent(n, forKey: .n)
        try container.encodeIfPresent(stream, forKey: .stream)
        try container.encodeIfPresent(streamOptions, forKey: .streamOptions)
        try OpenAIStopField.encode(stop, asString: stopAsString, to: &container, forKey: .stop)
        try container.encodeIfPresent(echo, forKey: .echo)
        try container.encodeIfPresent(suffix, forKey: .suffix)
        try container.encodeIfPresent(logprobs, forKey: .logprobs)
        try container.encodeIfPresent(seed, forKey: .seed)
        try container.encodeIfPresent(user, forKey: .user)
        try encoder.encodeExtraFields(extra)
    }
}
