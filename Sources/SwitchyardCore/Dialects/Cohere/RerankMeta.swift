/// The `meta` of a Cohere answer: the API version and what was billed.
public struct RerankMeta: Sendable, Hashable {
    public var apiVersion: APIVersion?
    public var billedUnits: BilledUnits?
    public var tokens: Tokens?
    public var extra: [String: JSONValue]

    public init(
        apiVersion: APIVersion? = nil,
        billedUnits: BilledUnits? = nil,
        tokens: Tokens? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.apiVersion = apiVersion
        self.billedUnits = billedUnits
        self.tokens = tokens
        self.extra = extra
    }

    /// `{"version": "2"}`.
    public struct APIVersion: Sendable, Hashable {
        public var version: String
        public var extra: [String: JSONValue]

        public init(version: String, extra: [String: JSONValue] = [:]) {
            self.version = version
            self.extra = extra
        }
    }

    /// What Cohere bills: for rerank, search units (a query over up to 100 documents is one).
    public struct BilledUnits: Sendable, Hashable {
        public var searchUnits: Int?
        public var inputTokens: Int?
        public var outputTokens: Int?
        public var extra: [String: JSONValue]

        public init(searchUnits: Int? = nil, inputTokens: Int? = nil, outputTokens: Int? = nil, extra: [String: JSONValue] = [:]) {
            self.searchUnits = searchUnits
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.extra = extra
        }
    }

    /// Tokens the model read and wrote.
    public struct Tokens: Sendable, Hashable {
        public var inputTokens: Int?
        public var outputTokens: Int?
        public var extra: [String: JSONValue]

        public init(inputTokens: Int? = nil, outputTokens: Int? = nil, extra: [String: JSONValue] = [:]) {
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.extra = extra
        }
    }
}
