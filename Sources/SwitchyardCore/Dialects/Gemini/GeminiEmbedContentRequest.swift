/// The body of `POST /v1beta/models/{model}:embedContent`, and one entry of a
/// `batchEmbedContents` request's `requests`.
///
/// Only the text parts of `content` are embedded, as one input.
public struct GeminiEmbedContentRequest: Sendable, Hashable {
    /// `models/{model}`: optional on `embedContent` (the URL names it), required in a batch entry.
    public var model: String?
    public var content: GeminiContent
    /// `RETRIEVAL_QUERY`, `RETRIEVAL_DOCUMENT`, `SEMANTIC_SIMILARITY`, `CLASSIFICATION`…
    public var taskType: String?
    /// The document's title, with `RETRIEVAL_DOCUMENT`.
    public var title: String?
    /// Truncate the vector to this many dimensions.
    public var outputDimensionality: Int?
    public var extra: [String: JSONValue]

    public init(
        model: String? = nil,
        content: GeminiContent,
        taskType: String? = nil,
        title: String? = nil,
        outputDimensionality: Int? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.model = model
        self.content = content
        self.taskType = taskType
        self.title = title
        self.outputDimensionality = outputDimensionality
        self.extra = extra
    }
}

extension GeminiEmbedContentRequest: Codable {
    private static let known = ["model", "content", "taskType", "title", "outputDimensionality"]

    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        model = try reader.optional(String.self, "model")
        content = try reader.required(GeminiContent.self, "content")
        taskType = try reader.optional(String.self, "taskType")
        title = try reader.optional(String.self, "title")
        outputDimensionality = try reader.optional(Int.self, "outputDimensionality")
        extra = try reader.extra(known: Self.known)
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(model, "model")
        try writer.put(content, "content")
        try writer.put(taskType, "taskType")
        try writer.put(title, "title")
        try writer.put(outputDimensionality, "outputDimensionality")
        try encoder.encodeExtraFields(extra)
    }
}
