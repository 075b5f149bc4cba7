/// The error envelope of the OpenAI API: `{"error": {"message", "type", "param", "code"}}`.
///
/// `param` and `code` are always written, as `null` when absent, as OpenAI does. A numeric
/// `code` (sent by some OpenAI-compatible servers) decodes as its decimal string.
public struct OpenAIErrorBody: Sendable, Hashable {
    public var error: Detail
    public var extra: [String: JSONValue]

    public init(error: Detail, extra: [String: JSONValue] = [:]) {
        self.error = error
        self.extra = extra
    }

    public init(message: String, type: String, param: String? = nil, code: String? = nil) {
        self.init(error: Detail(message: message, type: type, param: param, code: code))
    }

    /// The `error` member.
    public struct Detail: Sendable, Hashable {
        public var message: String
        /// `invalid_request_error`, `authentication_error`, `rate_limit_exceeded`…; "" when absent.
        public var type: String
        /// The request field at fault.
        public var param: String?
        /// A machine-readable code (`model_not_found`, `context_length_exceeded`…).
        public var code: String?
        public var extra: [String: JSONValue]

        public init(
            message: String,
            type: String,
            param: String? = nil,
            code: String? = nil,
            extra: [String: JSONValue] = [:]
        ) {
            self.message = message
            self.type = type
            self.param = param
            self.code = code
            self.extra = extra
        }
    }
}

extension OpenAIErrorBody: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case error
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        error = try container.decode(Detail.self, forKey: .error)
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(error, forKey: .error)
        try encoder.encodeExtraFields(extra)
    }
}

extension OpenAIErrorBody.Detail: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case message
        case type
        case param
        case code
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = try container.decode(String.self, forKey: .message)
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
        param = try container.decodeIfPresent(String.self, forKey: .param)
        if let text = try? container.decodeIfPresent(String.self, forKey: .code) {
            code = text
        } else if let number = try? container.decodeIfPresent(Int.self, forKey: .code) {
            code = String(number)
        } else {
            code = try container.decodeIfPresent(Double.self, forKey: .code).map { String($0) }
        }
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(message, forKey: .message)
        try container.encode(type, forKey: .type)
        try container.encode(param, forKey: .param)
        try container.encode(code, forKey: .code)
        try encoder.encodeExtraFields(extra)
    }
}
