/// Anthropic's error envelope: `{"type": "error", "error": {"type", "message"}, "request_id"?}`.
///
/// The same shape is a stream's `error` event.
public struct AnthropicErrorBody: Sendable, Hashable {
    public var error: Detail
    public var requestID: String?
    public var extra: [String: JSONValue]

    public init(error: Detail, requestID: String? = nil, extra: [String: JSONValue] = [:]) {
        self.error = error
        self.requestID = requestID
        self.extra = extra
    }

    /// The `error` member.
    public struct Detail: Sendable, Hashable {
        /// `invalid_request_error`, `authentication_error`, `billing_error`, `permission_error`,
        /// `not_found_error`, `request_too_large`, `rate_limit_error`, `timeout_error`, `api_error`,
        /// `overloaded_error`.
        public var type: String
        public var message: String
        public var extra: [String: JSONValue]

        public init(type: String, message: String, extra: [String: JSONValue] = [:]) {
            self.type = type
            self.message = message
            self.extra = extra
        }

        /// The HTTP status Anthropic answers with for this error type (500 when unknown).
        public var status: Int {
            switch type {
            case "invalid_request_error": 400
            case "authentication_error": 401
            case "billing_error": 402
            case "permission_error": 403
            case "not_found_error": 404
            case "request_too_large": 413
            case "rate_limit_error": 429
            case "timeout_error": 504
            case "overloaded_error": 529
            default: 500
            }
        }
    }
}

extension AnthropicErrorBody: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
        case error
        case requestID = "request_id"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        error = try container.decode(Detail.self, forKey: .error)
        requestID = try container.decodeIfPresent(String.self, forKey: .requestID)
        extra = try decoder.extraFields(excluding: ["type", "error", "request_id"])
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("error", forKey: .type)
        try container.encode(error, forKey: .error)
        try container.encodeIfPresent(requestID, forKey: .requestID)
        try encoder.encodeExtraFields(extra)
    }
}

extension AnthropicErrorBody.Detail: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case message
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? "api_error"
        message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
        extra = try decoder.extraFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(message, forKey: .message)
        try encoder.encodeExtraFields(extra)
    }
}
