extension AnthropicMessagesRequest {
    /// The tool that stands in for OpenAI's `response_format` (LiteLLM's name for it).
    ///
    /// Anthropic has no JSON mode, so the request offers this tool, with the wanted schema as
    /// its input schema, and forces it; the response translators turn its input back into the
    /// message text.
    public static let jsonResponseToolName = "json_tool_call"

    /// Whether this request emulates JSON mode with `json_tool_call`; pass it as `jsonMode`
    /// to the response and stream translators.
    public var usesJSONResponseTool: Bool {
        tools?.contains { $0.name == Self.jsonResponseToolName } ?? false
    }

    /// The tool for a `response_format`, or nil for plain text.
    static func jsonResponseTool(for format: ResponseFormat, policy: TranslationPolicy) throws -> AnthropicCustomTool? {
        switch format {
        case .text:
            return nil
        case .jsonObject:
            let schema: JSONValue = ["type": "object", "additionalProperties": true, "properties": [:]]
            return AnthropicCustomTool(name: jsonResponseToolName, description: "Respond with a JSON object.", inputSchema: schema)
        case .jsonSchema(let format):
            var schema = format.schema?.objectValue ?? ["additionalProperties": true, "properties": [:]]
            schema["type"] = "object"
            let description = format.description ?? "Respond with a JSON object that matches the `\(format.name)` schema."
            return AnthropicCustomTool(name: jsonResponseToolName, description: description, inputSchema: .object(schema))
        case .other(let value):
            let type = value["type"]?.stringValue ?? "unknown"
            try policy.unsupported("response_format type `\(type)` has no Anthropic equivalent.", param: "response_format")
            return nil
        }
    }
}
