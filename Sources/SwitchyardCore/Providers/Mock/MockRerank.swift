/// Cohere's rerank (`/v1/rerank`, `/v2/rerank`; `/rerank` answers as v1).
///
/// A document's score is the share of the query's distinct words (lowercased letters and
/// digits) that it contains, 0…1. Results are sorted by score, then by index, and cut to
/// `top_n`. Version 1 returns `document: {text}` when `return_documents` is true; version 2
/// (which dropped that option) never does. `documents` may be strings or `{text}` objects.
enum MockRerank {
    static func answer(_ request: MockMediaRequest, version: Int) throws(GatewayError) -> MockProviderHandler.Answer {
        _ = try request.requiredString("model")
        let query = try request.requiredString("query")
        guard case .array(let items) = request["documents"], !items.isEmpty else {
            throw GatewayError.invalidRequest("invalid request: list of documents must not be empty", param: "documents")
        }
        let documents = try items.map { item throws(GatewayError) -> String in
            if let text = item.stringValue ?? item["text"]?.stringValue { return text }
            throw GatewayError.invalidRequest("invalid request: each document must be a string or an object with a text field", param: "documents")
        }
        let topN = try request.integer("top_n", in: 1...Int.max, default: documents.count)
        let returnDocuments = version == 1 && request["return_documents"]?.boolValue == true

        let queryWords = words(query)
        let scored = documents.enumerated().map { index, document -> (index: Int, score: Double) in
            guard !queryWords.isEmpty else { return (index, 0) }
            let overlap = queryWords.intersection(words(document)).count
            return (index, Double(overlap) / Double(queryWords.count))
        }
        let ranked = scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }.prefix(topN)
        let results: [JSONValue] = ranked.map { entry in
            var result: [String: JSONValue] = ["index": .number(Double(entry.index)), "relevance_score": .number(entry.score)]
            if returnDocuments { result["document"] = ["text": .string(documents[entry.index])] }
            return .object(result)
        }
        let body: JSONValue = [
            "id": .string(uuid(MockModel.Hashing.fnv1a(bytes: request.body.readableBytesView))),
            "results": .array(results),
            "meta": [
                "api_version": ["version": .string(String(version))],
                "billed_units": ["search_units": 1],
            ],
        ]
        return MockProviderHandler.json(body)
    }

    static func words(_ text: String) -> Set<String> {
        Set(text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init))
    }

    /// A UUID-shaped id (8-4-4-4-12 hex digits) derived from `hash`.
    static func uuid(_ hash: UInt64) -> String {
        var state = hash
        let digits = Array(MockModel.Hashing.hex(MockModel.Hashing.splitMix(&state)) + MockModel.Hashing.hex(MockModel.Hashing.splitMix(&state)))
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }.joined(separator: "-")
    }
}
