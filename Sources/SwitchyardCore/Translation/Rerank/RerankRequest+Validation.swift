extension RerankRequest {
    /// Refuses what no rerank provider takes: an empty query, no documents, `top_n` below 1.
    func validate() throws {
        guard !query.isEmpty else {
            throw GatewayError.invalidRequest("`query` must not be empty.", param: "query")
        }
        guard !documents.isEmpty else {
            throw GatewayError.invalidRequest("`documents` must hold at least one document.", param: "documents")
        }
        if let topN, topN < 1 {
            throw GatewayError.invalidRequest("`top_n` must be at least 1; got \(topN).", param: "top_n")
        }
    }

    /// Each document as the one string a string-only reranker ranks.
    ///
    /// A string stays as is. An object is ranked on its `rank_fields` (else on `text`), as
    /// Cohere v1 does: one field gives its value, several give `field: value` lines in the
    /// order of `rank_fields`; non-string values are written as compact JSON. An object
    /// without any of those fields is a 400 naming it.
    public func rankedTexts() throws -> [String] {
        let fields = rankFields ?? ["text"]
        return try documents.enumerated().map { index, document in
            switch document {
            case .text(let text):
                return text
            case .object(let members):
                let present = fields.compactMap { field in members[field].map { (field, Self.text(of: $0)) } }
                guard !present.isEmpty else {
                    throw GatewayError.invalidRequest(
                        "`documents[\(index)]` has none of the fields ranked on (\(fields.joined(separator: ", "))).",
                        param: "documents[\(index)]"
                    )
                }
                if present.count == 1, fields.count == 1 { return present[0].1 }
                return present.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
            }
        }
    }

    private static func text(of value: JSONValue) -> String {
        value.stringValue ?? GeminiJSONText.compact(value)
    }
}
