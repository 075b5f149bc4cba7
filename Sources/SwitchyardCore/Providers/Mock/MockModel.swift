/// The built-in mock model: a pure, deterministic stand-in for an OpenAI model.
///
/// No I/O and no clocks: `created` is passed in, and every id derives from an FNV-1a hash of
/// the request's canonical JSON (sorted keys, `stream` and `stream_options` left out), so the
/// same request always gets the same answer, streamed or not. `model` in answers is `name`.
///
/// Words and tokens: a token is a whitespace-separated word.
/// - `prompt_tokens` = Σ over messages of (words in the message's text + 3), see `promptTokens`.
/// - `completion_tokens` = words of the content, or for tool calls Σ (1 + words of arguments),
///   times the number of choices. `usage` is always present on non-streamed answers.
///
/// Chat answer, in order of precedence:
/// 1. Tools offered, `tool_choice` not `"none"`, last message not a `tool` message: tool calls,
///    `content: null`, finish `tool_calls`. A named `tool_choice` calls only that function;
///    otherwise every offered function in order, or only the first when
///    `parallel_tool_calls` is false. Arguments are a compact JSON object built from the
///    function's `parameters`: `required` properties first (in their order), then the others
///    sorted by name; each valued by its first `enum` value if any, else by `type`:
///    string "mock", integer 1, number 1.5, boolean true, array [], object {}, null null,
///    anything else "mock". No properties gives `{}`. Ids are `call_` + 24 lowercase hex
///    characters derived from the request hash and the call's index.
/// 2. Last message a `tool` message: "Switchyard mock used the tool results: " + the trailing
///    run of tool messages' texts joined with "; ".
/// 3. Otherwise "Switchyard mock reply to: " + the last user message's text (string content,
///    or text parts joined with a space; images and other parts contribute nothing), or
///    "Switchyard mock reply." when there is no user message.
///
/// `response_format` `json_object` wraps the reply as `{"reply":"<reply>"}`; `json_schema`
/// answers an object built from the schema by the tool-argument rules. Then `stop` cuts the
/// content before the earliest occurrence of any stop string (finish `stop`), and
/// `max_completion_tokens` (else `max_tokens`) N keeps the first N words (finish `length`)
/// when the content has more. `n` (clamped to 1…128) gives that many identical choices.
///
/// Stream (`chatCompletionChunks`): every chunk has id `chatcmpl-mock-<16 hex>` (the
/// non-streamed id too), the same `created` and model, no `system_fingerprint`. Per choice, in
/// index order, each chunk holding that one choice: a role chunk `{role: assistant, content: ""}`
/// (`content: null` for tool calls); then one chunk per word, each word carrying the whitespace
/// before it (so the first is bare and later ones start with a space, and the deltas concatenate
/// to exactly the non-streamed content); for tool calls, per call a chunk
/// `{index, id, type: function, function: {name, arguments: ""}}` then three chunks with the
/// arguments split into three near-equal character runs (the last may be empty); then a chunk
/// with delta `{}` and the finish reason. With `stream_options.include_usage`, a last chunk
/// with `choices: []` and `usage`, and every earlier chunk carries `"usage": null`.
///
/// Legacy completion: text " Switchyard mock completion of: <prompt>" (a string prompt, or
/// the first string of an array), with the prompt before it when `echo` is true; the same
/// stop, length, `n` and usage rules (prompt tokens are the prompt's words, or its token
/// count); id `cmpl-mock-<16 hex>`. Chunks carry one word each, then an empty text with the
/// finish reason, then the usage chunk under `include_usage`.
///
/// Embeddings: per input item (a string, or a token array hashed from its numbers) a unit-length
/// vector of `dimensions` (default 16) floats seeded by FNV-1a of the item; `base64` encodes the
/// little-endian float32 bytes as OpenAI does. `prompt_tokens` = words across all inputs (tokens
/// for token arrays).
public struct MockModel: Sendable {
    /// The model name written in every answer.
    public var name: String

    public init(name: String) {
        self.name = name
    }

    /// The prompt tokens the mock charges for `messages`: Σ (words in the message's text + 3).
    public static func promptTokens(_ messages: [ChatMessage]) -> Int {
        messages.reduce(0) { $0 + Words.count(in: $1.text) + 3 }
    }

    /// The number of choices to produce for a requested `n`.
    static func choiceCount(_ n: Int?) -> Int {
        min(max(n ?? 1, 1), 128)
    }
}
