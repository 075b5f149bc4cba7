/// Whether and which functions the model must call (`functionCallingConfig`).
public struct GeminiFunctionCallingConfig: Sendable, Hashable {
    public var mode: Mode?
    /// With `ANY` (or `VALIDATED`), the only functions the model may call.
    public var allowedFunctionNames: [String]?
    public var extra: [String: JSONValue]

    public init(mode: Mode? = nil, allowedFunctionNames: [String]? = nil, extra: [String: JSONValue] = [:]) {
        self.mode = mode
        self.allowedFunctionNames = allowedFunctionNames
        self.extra = extra
    }

    /// The function-calling mode. Open: unknown modes decode as `.other`.
    public enum Mode: Sendable, Hashable {
        /// The model chooses between calling functions and answering.
        case auto
        /// The model must call a function.
        case any
        /// The model must not call functions.
        case none
        /// Like `auto`, but calls are constrained to the declared schemas.
        case validated
        case other(String)

        /// The mode for a wire string (matched case-insensitively, as the API does).
        public init(rawValue: String) {
            switch rawValue.uppercased() {
            case "AUTO": self = .auto
            case "ANY": self = .any
            case "NONE": self = .none
            case "VALIDATED": self = .validated
            default: self = .other(rawValue)
            }
        }

        /// The wire string.
        public var rawValue: String {
            switch self {
            case .auto: "AUTO"
            case .any: "ANY"
            case .none: "NONE"
            case .validated: "VALIDATED"
            case .other(let value): value
            }
        }
    }
}

extension GeminiFunctionCallingConfig: Codable {
    public init(from decoder: Decoder) throws {
        let reader = try GeminiObjectReader(decoder)
        mode = try reader.optional(String.self, "mode").map(Mode.init(rawValue:))
        allowedFunctionNames = try reader.optional([String].self, "allowedFunctionNames")
        extra = try reader.extra(known: ["mode", "allowedFunctionNames"])
    }

    public func encode(to encoder: Encoder) throws {
        var writer = GeminiObjectWriter(encoder)
        try writer.put(mode?.rawValue, "mode")
        try writer.put(allowedFunctionNames, "allowedFunctionNames")
        try encoder.encodeExtraFields(extra)
    }
}
