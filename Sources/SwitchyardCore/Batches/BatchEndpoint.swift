/// The endpoints a batch's lines may call, each an operation of the one pipeline.
public enum BatchEndpoint {
    /// `endpoint` values a batch takes, as OpenAI writes them, and the operation each runs.
    public static let operations: [String: GatewayOperation] = [
        "/v1/chat/completions": OperationTable.chatCompletions,
        "/v1/embeddings": OperationTable.embeddings,
        "/v1/completions": OperationTable.completions,
        "/v1/responses": OperationTable.responses,
    ]

    /// The spend log's `call_type` of a line calling `operation`: `batch/chat/completions`.
    public static func callType(_ operation: GatewayOperation) -> String {
        "batch/" + operation.name
    }
}
