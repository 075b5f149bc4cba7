/// The body of Presidio's `POST /analyze` (the analyzer's REST API), as far as the gateway
/// fills it: one text, its language, and the entity types to look for (all when absent).
public struct PresidioAnalyzeRequest: Codable, Sendable, Equatable {
    public var text: String
    public var language: String
    public var entities: [String]?
}

/// One item of `/analyze`'s answer (a JSON array of them) and of `/anonymize`'s
/// `analyzer_results`: what was found where, in Unicode scalar offsets into the text.
///
/// The analyzer sends more (`analysis_explanation`, `recognition_metadata`); the anonymizer
/// needs only these four.
public struct PresidioRecognizerResult: Codable, Sendable, Equatable {
    public var entityType: String
    public var start: Int
    public var end: Int
    public var score: Double

    public init(entityType: String, start: Int, end: Int, score: Double) {
        self.entityType = entityType
        self.start = start
        self.end = end
        self.score = score
    }

    enum CodingKeys: String, CodingKey {
        case entityType = "entity_type"
        case start, end, score
    }
}

/// The body of Presidio's `POST /anonymize`. Without `anonymizers`, Presidio's default
/// operator replaces each entity by `<ENTITY_TYPE>`, as LiteLLM relies on.
public struct PresidioAnonymizeRequest: Codable, Sendable, Equatable {
    public var text: String
    public var analyzerResults: [PresidioRecognizerResult]

    public init(text: String, analyzerResults: [PresidioRecognizerResult]) {
        self.text = text
        self.analyzerResults = analyzerResults
    }

    enum CodingKeys: String, CodingKey {
        case text
        case analyzerResults = "analyzer_results"
    }
}

/// `/anonymize`'s answer: the anonymized text (the `items` describing each change are not
/// needed).
public struct PresidioAnonymizeResponse: Codable, Sendable, Equatable {
    public var text: String
}
