/// One operation the gateway serves, described as data: where clients send it, how its body
/// is read, what names its model, whether it streams, how it is metered, and which provider
/// capability answers it.
///
/// `OperationTable.all` lists every one; the server registers each row on its surface's path
/// prefixes and runs it through the one pipeline (key, allowlist, budget, limits, route,
/// meter, settle, log). A new endpoint is a row here plus, where needed, a pure translator.
///
/// Rows are shared, immutable references: a request carries its row without copying it.
public final class GatewayOperation: Sendable, Hashable, CustomStringConvertible {
    /// How the request body is read.
    public enum Body: Sendable, Hashable {
        /// A JSON object; `required` members must be present (besides the model, when the
        /// model is a body field), and `nonEmptyArrays` must be arrays with an element.
        case json(required: [String], nonEmptyArrays: [String] = [])
        /// `multipart/form-data` whose `required` fields (values or files) must be present,
        /// as the OpenAI SDK uploads; also JSON with `jsonRequired` members when that is
        /// non-nil (a file as base64).
        case form(required: [String], jsonRequired: [String]?)
    }

    /// What a successful answer is.
    public enum Answer: Sendable, Hashable {
        /// A JSON object (a stream when the request streams).
        case json
        /// Audio bytes in the upstream's content type, passed on as they arrive.
        case audio
        /// A transcript: JSON, or text (`text`, `srt`, `vtt`) as the request's
        /// `response_format` asks.
        case transcript
        /// A job the gateway now runs and polls: the job object (`video`, `music`), queued.
        case job
    }

    /// What names the model group a request is routed to.
    public enum Target: Sendable, Hashable {
        /// A string member of the JSON body (`model`).
        case bodyField(String)
        /// The `{model}` segment of the path (`/v1beta/models/{model}:generateContent`).
        case pathModel
    }

    /// Whether and how the answer streams.
    public enum Streaming: Sendable, Hashable {
        case never
        /// When the body's boolean member is true (`"stream": true`).
        case bodyFlag(String)
        /// Always (`:streamGenerateContent`).
        case always
    }

    /// What the request is charged for.
    public enum Meter: Sendable, Hashable {
        /// Prompt and completion tokens, at the deployment's token prices.
        case tokens
        /// Governed like any request (key, allowlist, limits) but never charged: token counting.
        case free
        /// The units of the operation's capability: images, characters, seconds, queries,
        /// pages or requests (and tokens where the upstream bills them).
        case units
    }

    /// The provider capability that answers the operation.
    public enum Capability: Sendable, Hashable {
        case chat
        /// OpenAI's Responses API: a chat turn with a conversation the gateway stores.
        case responses
        case completions
        case embeddings
        case tokenCounting
        case imageGeneration
        case imageEdit
        case imageVariation
        case speech
        case transcription
        case translation
        case moderation
        case rerank
        case ocr
        /// LiteLLM's `/utils/token_counter`: a count for any model group, from the provider's
        /// own counting endpoint where it has one.
        case tokenCounter
        /// Asynchronous jobs: a video, a remix of a stored video, a music track.
        case videoGeneration
        case videoRemix
        case musicGeneration
    }

    /// A stable name: the spend log's `call_type` and the metrics' `route` label.
    public let name: String
    public let surface: ErrorSurface
    public let method: String
    /// Paths under each of the surface's prefixes. `{model}` marks a path model; a Gemini
    /// method follows it after a colon (`models/{model}:countTokens`).
    public let paths: [String]
    public let body: Body
    public let target: Target
    /// The model group used when a request names none (moderation's `omni-moderation-latest`,
    /// as OpenAI's API defaults it); nil makes the model required.
    public let defaultModel: String?
    public let answer: Answer
    public let streaming: Streaming
    public let meter: Meter
    public let capability: Capability
    /// The same operation in the provider API of the surface's own dialect: a deployment that
    /// serves it gets the client's bytes (model swapped, gateway-only members removed); any
    /// other is reached by translation.
    public let upstream: ProviderOperation

    public init(
        name: String, surface: ErrorSurface, method: String = "POST", paths: [String], body: Body, target: Target, defaultModel: String? = nil,
        streaming: Streaming, answer: Answer = .json, meter: Meter, capability: Capability, upstream: ProviderOperation
    ) {
        self.upstream = upstream
        self.defaultModel = defaultModel
        self.answer = answer
        self.name = name
        self.surface = surface
        self.method = method
        self.paths = paths
        self.body = body
        self.target = target
        self.streaming = streaming
        self.meter = meter
        self.capability = capability
    }

    public var description: String { "\(method) \(paths.first ?? "") (\(name))" }

    /// What a job operation makes; nil for every other operation.
    public var jobKind: MediaJob.Kind? {
        switch capability {
        case .videoGeneration, .videoRemix: .video
        case .musicGeneration: .music
        default: nil
        }
    }

    /// Rows are identified by their name, which is unique in the table.
    public static func == (lhs: GatewayOperation, rhs: GatewayOperation) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// The prefixes every path of this surface is served under ("" is the bare path).
    public var prefixes: [String] { surface.operationPrefixes }
}

extension ErrorSurface {
    /// Where a surface's operations are served. OpenAI and Anthropic: `/v1/…`, bare and
    /// `/api/v1/…`. Gemini: `/v1beta/…`, `/v1/…` (google-genai's default), `/api/v1beta/…`
    /// and `/gemini/v1beta/…`.
    public var operationPrefixes: [String] {
        switch self {
        case .openAI, .anthropic: ["v1", "api/v1", ""]
        case .gemini: ["v1beta", "v1", "api/v1beta", "gemini/v1beta", "gemini/v1"]
        }
    }
}
