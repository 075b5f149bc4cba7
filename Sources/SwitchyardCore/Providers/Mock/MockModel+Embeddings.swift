extension MockModel {
    /// Deterministic unit-length vectors for each input item; see the type's documentation.
    public func embeddings(_ request: EmbeddingRequest) -> EmbeddingResponse {
        let items: [(seed: String, tokens: Int)]
        switch request.input {
        case .string(let text): items = [(text, Words.count(in: text))]
        case .strings(let texts): items = texts.map { ($0, Words.count(in: $0)) }
        case .tokens(let tokens): items = [(Self.tokenSeed(tokens), tokens.count)]
        case .tokenArrays(let arrays): items = arrays.map { (Self.tokenSeed($0), $0.count) }
        }
        let dimensions = max(request.dimensions ?? 16, 1)
        let data = items.enumerated().map { index, item in
            let vector = Self.unitVector(seed: item.seed, dimensions: dimensions)
            let encoded: EmbeddingVector =
                request.encodingFormat == .base64 ? .base64(encoding: vector) : .floats(vector)
            return Embedding(index: index, embedding: encoded)
        }
        let tokens = items.reduce(0) { $0 + $1.tokens }
        return EmbeddingResponse(data: data, model: name, usage: EmbeddingUsage(promptTokens: tokens))
    }

    /// The text a token array is hashed as.
    static func tokenSeed(_ tokens: [Int]) -> String {
        "tokens:" + tokens.map(String.init).joined(separator: ",")
    }

    /// A vector of `dimensions` floats of Euclidean length 1, seeded by FNV-1a of `seed`.
    static func unitVector(seed: String, dimensions: Int) -> [Float] {
        var state = Hashing.fnv1a(seed)
        let raw = (0..<dimensions).map { _ in
            Double(Hashing.splitMix(&state) >> 11) / Double(1 << 53) * 2 - 1
        }
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return [1] + Array(repeating: 0, count: dimensions - 1) }
        return raw.map { Float($0 / norm) }
    }
}
