/// The error envelope of the Gemini API: `{"error": {"code", "message", "status", "details"}}`.
///
/// `code` is the HTTP status, `status` the google.rpc code name (`INVALID_ARGUMENT`,
/// `RESOURCE_EXHAUSTED`…), `details` a list of typed objects (`@type`…) carried raw.
public struct GeminiErrorBody: Sendable, Hashable {
    public var error: Detail
    public var extra: [String: JSONValue]

    public init(error: Detail, extra: [String: JSONValue] = [:]) {
        self.error = error
        self.extra = extra
    }

    public init(code: Int, message: String, status: String? = nil) {
        self.init(error: Detail(code: code, message: message, status: status))
    }

    /// The `error` member.
    public struct Detail: Sendable, Hashable {
        public var code: Int
        public var message: String
        public var status: String?
        public var details: [JSONValue]?
        public var extra: [String: JSONValue]

        public init(
            code: Int,
            message: String,
            status: String? = nil,
            details: [JSONValue]? = nil,
            extra: [String: JSONValue] = [:]
        ) {
            self.code = code
            self.message = message
            self.status = status
            self.details = details
            self.extra = extra
        }
    }
}

extension GeminiErrorBody: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        error = try reader.required(Detail.self, "error")
        extra = try reader.extra(known: ["error"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(error, "error")
        try encoder.encodeExtraFields(extra)
    }
}

extension GeminiErrorBody.Detail: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        code = try reader.optional(Int.self, "code") ?? 0
        message = try reader.optional(String.self, "message") ?? ""
        status = try reader.optional(String.self, "status")
        details = try reader.optional([JSONValue].self, "details")
        extra = try reader.extra(known: ["code", "message", "status", "details"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(code, "code")
        try writer.put(message, "message")
        try writer.put(status, "status")
        try writer.put(details, "details")
        try encoder.encodeExtraFields(extra)
    }
}
