/// Gemini API bodies and stream events, written out as Google documents them
/// (ai.google.dev/api: generating content, tokens, embeddings, troubleshooting).
enum FakeGeminiWire {
    static let responseID = "fakeGeminiResponse01"

    /// - Parameter cut: whether `maxOutputTokens` cut the reply (`finishReason` `MAX_TOKENS`).
    static func textResponse(model: String, text: String, prompt: Int, output: Int, cut: Bool = false) -> String {
        response(model: model, part: #"{"text":\#(FakeResponse.quoted(text))}"#, finish: cut ? "MAX_TOKENS" : "STOP", usage: usage(prompt: prompt, output: output))
    }

    /// The signature thinking models (2.5 and later) put on a function call part, which the
    /// caller must send back with that part in the next turn.
    static let thoughtSignature = "fakeThoughtSignature01"

    /// A whole function call in one part (Gemini never splits one), signed, finishing with `STOP`.
    static func functionCallResponse(model: String, name: String, args: String, prompt: Int) -> String {
        let part = #"{"functionCall":{"name":\#(FakeResponse.quoted(name)),"args":\#(args)},"thoughtSignature":"\#(thoughtSignature)"}"#
        return response(model: model, part: part, finish: "STOP", usage: usage(prompt: prompt, output: FakeProviderBehavior.toolCallOutputTokens))
    }

    /// One response a piece; every chunk reports the prompt count, and the last also
    /// `finishReason` and the final counts, as Gemini streams do.
    static func textChunks(model: String, pieces: [String], prompt: Int, cut: Bool = false) -> [String] {
        pieces.enumerated().map { offset, piece in
            let last = offset == pieces.count - 1
            let counts = last ? usage(prompt: prompt, output: pieces.count) : #"{"promptTokenCount":\#(prompt),"totalTokenCount":\#(prompt)}"#
            return response(model: model, part: #"{"text":\#(FakeResponse.quoted(piece))}"#, finish: last ? (cut ? "MAX_TOKENS" : "STOP") : nil, usage: counts)
        }
    }

    private static func response(model: String, part: String, finish: String?, usage: String) -> String {
        let reason = finish.map { #","finishReason":"\#($0)""# } ?? ""
        return #"{"candidates":[{"content":{"parts":[\#(part)],"role":"model"}\#(reason),"index":0}],"usageMetadata":\#(usage),"modelVersion":\#(FakeResponse.quoted(model)),"responseId":"\#(responseID)"}"#
    }

    private static func usage(prompt: Int, output: Int) -> String {
        #"{"promptTokenCount":\#(prompt),"candidatesTokenCount":\#(output),"totalTokenCount":\#(prompt + output),"promptTokensDetails":[{"modality":"TEXT","tokenCount":\#(prompt)}]}"#
    }

    /// One `alt=sse` event: Google ends each with CRLF CRLF.
    static func sse(_ json: String) -> String {
        "data: \(json)\r\n\r\n"
    }

    /// `{"values":[…]}` for an `embedContent` body or batch entry: its word count, then two
    /// constants.
    static func embedding(of request: [String: Any]) -> String {
        let words = FakeResponse.wordCount(partTexts(request["content"] as? [String: Any] ?? [:]))
        return #"{"values":[\#(words),0.5,-0.25]}"#
    }

    static func partTexts(_ content: [String: Any]) -> [String] {
        (content["parts"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
    }

    /// Google's error envelope; `retryDelay` adds the `RetryInfo` detail rate limits carry.
    static func error(code: Int, message: String, status: String? = nil, retryDelay: Int? = nil) -> String {
        let details = retryDelay.map { #","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"\#($0)s"}]"# } ?? ""
        return #"{"error":{"code":\#(code),"message":\#(FakeResponse.quoted(message)),"status":"\#(status ?? Self.status(code: code))"\#(details)}}"#
    }

    /// The google.rpc statuses of the Gemini troubleshooting guide, by HTTP status.
    static let statuses = [
        400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 409: "ABORTED",
        429: "RESOURCE_EXHAUSTED", 499: "CANCELLED", 500: "INTERNAL", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED",
    ]

    /// The google.rpc status Google documents for an HTTP status.
    static func status(code: Int) -> String {
        statuses[code] ?? (code < 500 ? "FAILED_PRECONDITION" : "INTERNAL")
    }
}
