/// One part of a Gemini content (`Part`).
///
/// Gemini parts are a union by field presence rather than by a discriminator: exactly one of
/// `text`, `inlineData`, `fileData`, `functionCall`, `functionResponse`, `executableCode` or
/// `codeExecutionResult` is set, beside the modifiers `thought` (the text is a thought summary)
/// and `thoughtSignature` (an opaque token the client must send back unchanged). A struct of
/// optionals keeps every combination a server may send; members this type does not model
/// (`videoMetadata`, `mediaResolution`, `partMetadata`…) stay in `extra`.
public struct GeminiPart: Sendable, Hashable {
    public var text: String?
    public var inlineData: GeminiBlob?
    public var fileData: GeminiFileData?
    public var functionCall: GeminiFunctionCall?
    public var functionResponse: GeminiFunctionResponse?
    /// Code the model wrote for the code-execution tool; carried without interpretation.
    public var executableCode: JSONValue?
    /// The result of running `executableCode`; carried without interpretation.
    public var codeExecutionResult: JSONValue?
    /// Whether `text` is the model's thought summary rather than its answer.
    public var thought: Bool?
    /// Base64 of an opaque signature of the model's reasoning, to be returned verbatim.
    public var thoughtSignature: String?
    public var extra: [String: JSONValue]

    public init(
        text: String? = nil,
        inlineData: GeminiBlob? = nil,
        fileData: GeminiFileData? = nil,
        functionCall: GeminiFunctionCall? = nil,
        functionResponse: GeminiFunctionResponse? = nil,
        executableCode: JSONValue? = nil,
        codeExecutionResult: JSONValue? = nil,
        thought: Bool? = nil,
        thoughtSignature: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.text = text
        self.inlineData = inlineData
        self.fileData = fileData
        self.functionCall = functionCall
        self.functionResponse = functionResponse
        self.executableCode = executableCode
        self.codeExecutionResult = codeExecutionResult
        self.thought = thought
        self.thoughtSignature = thoughtSignature
        self.extra = extra
    }

    /// Whether this is a thought-summary text part.
    public var isThought: Bool { thought == true }
}

extension GeminiPart: Codable {
    private static let known = [
        "text", "inlineData", "fileData", "functionCall", "functionResponse", "executableCode",
        "codeExecutionResult", "thought", "thoughtSignature",
    ]

    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        text = try reader.optional(String.self, "text")
        inlineData = try reader.optional(GeminiBlob.self, "inlineData")
        fileData = try reader.optional(GeminiFileData.self, "fileData")
        functionCall = try reader.optional(GeminiFunctionCall.self, "functionCall")
        functionResponse = try reader.optional(GeminiFunctionResponse.self, "functionResponse")
        executableCode = try reader.optional(JSONValue.self, "executableCode")
        codeExecutionResult = try reader.optional(JSONValue.self, "codeExecutionResult")
        thought = try reader.optional(Bool.self, "thought")
        thoughtSignature = try reader.optional(String.self, "thoughtSignature")
        extra = try reader.extra(known: Self.known)
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(text, "text")
        try writer.put(inlineData, "inlineData")
        try writer.put(fileData, "fileData")
        try writer.put(functionCall, "functionCall")
        try writer.put(functionResponse, "functionResponse")
        try writer.put(executableCode, "executableCode")
        try writer.put(codeExecutionResult, "codeExecutionResult")
        try writer.put(thought, "thought")
        try writer.put(thoughtSignature, "thoughtSignature")
        try encoder.encodeExtraFields(extra)
    }
}
