/// Which Cohere rerank surface a client called, which decides the answer's shape.
public enum CohereRerankVersion: String, Sendable, Hashable {
    /// `/v1/rerank`: results carry their document when `return_documents` is true.
    case v1 = "1"
    /// `/v2/rerank`: results never carry documents.
    case v2 = "2"
}
