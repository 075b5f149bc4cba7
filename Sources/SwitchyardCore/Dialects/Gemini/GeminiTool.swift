/// One entry of a request's `tools`.
///
/// Only `functionDeclarations` is typed; the built-in tools (`googleSearch`, `codeExecution`,
/// `urlContext`, `googleSearchRetrieval`, `fileSearch`, `computerUse`…) are kept raw in `extra`,
/// keyed by their camelCase name as written.
public struct GeminiTool: Sendable, Hashable {
    public var functionDeclarations: [GeminiFunctionDeclaration]?
    public var extra: [String: JSONValue]

    public init(functionDeclarations: [GeminiFunctionDeclaration]? = nil, extra: [String: JSONValue] = [:]) {
        self.functionDeclarations = functionDeclarations
        self.extra = extra
    }
}

extension GeminiTool: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        functionDeclarations = try reader.optional([GeminiFunctionDeclaration].self, "functionDeclarations")
        extra = try reader.extra(known: ["functionDeclarations"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(functionDeclarations, "functionDeclarations")
        try encoder.encodeExtraFields(extra)
    }
}
