/// OpenAI's batch object, as `POST /v1/batches`, retrieve, list and cancel answer it; every
/// field is written, unset ones as null, as OpenAI writes them.
public struct BatchObject: Encodable, Sendable {
    public var batch: StoredBatch

    public init(_ batch: StoredBatch) {
        self.batch = batch
    }

    private enum Key: String, CodingKey {
        case id, object, endpoint, model, errors, status, metadata, usage
        case inputFileID = "input_file_id", completionWindow = "completion_window", outputFileID = "output_file_id"
        case errorFileID = "error_file_id", createdAt = "created_at", inProgressAt = "in_progress_at", expiresAt = "expires_at"
        case finalizingAt = "finalizing_at", completedAt = "completed_at", failedAt = "failed_at", expiredAt = "expired_at"
        case cancellingAt = "cancelling_at", cancelledAt = "cancelled_at", requestCounts = "request_counts"
    }

    private struct Errors: Encodable {
        var object = "list"
        var data: [ErrorItem]
    }

    /// One `errors.data[]` item, with `line` and `param` null when unknown.
    private struct ErrorItem: Encodable {
        var error: BatchInputError

        enum Key: String, CodingKey { case code, message, line, param }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(error.code, forKey: .code)
            try container.encode(error.message, forKey: .message)
            try container.encode(error.line, forKey: .line)
            try container.encode(error.param, forKey: .param)
        }
    }

    private struct Counts: Encodable {
        var total: Int
        var completed: Int
        var failed: Int
    }

    private struct Usage: Encodable {
        struct InputDetails: Encodable {
            var cached_tokens: Int
        }

        struct OutputDetails: Encodable {
            var reasoning_tokens: Int
        }

        var input_tokens: Int
        var input_tokens_details: InputDetails
        var output_tokens: Int
        var output_tokens_details: OutputDetails
        var total_tokens: Int
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(batch.id, forKey: .id)
        try container.encode("batch", forKey: .object)
        try container.encode(batch.endpoint, forKey: .endpoint)
        try container.encode(batch.model, forKey: .model)
        try container.encode(batch.errors.isEmpty ? nil : Errors(data: batch.errors.map(ErrorItem.init)), forKey: .errors)
        try container.encode(batch.inputFileID, forKey: .inputFileID)
        try container.encode(batch.completionWindow, forKey: .completionWindow)
        try container.encode(batch.status.rawValue, forKey: .status)
        try container.encode(batch.outputFileID, forKey: .outputFileID)
        try container.encode(batch.errorFileID, forKey: .errorFileID)
        try container.encode(Int(batch.createdAt), forKey: .createdAt)
        try container.encode(seconds(.inProgress), forKey: .inProgressAt)
        try container.encode(Int(batch.expiresAt), forKey: .expiresAt)
        try container.encode(seconds(.finalizing), forKey: .finalizingAt)
        try container.encode(seconds(.completed), forKey: .completedAt)
        try container.encode(seconds(.failed), forKey: .failedAt)
        try container.encode(seconds(.expired), forKey: .expiredAt)
        try container.encode(seconds(.cancelling), forKey: .cancellingAt)
        try container.encode(seconds(.cancelled), forKey: .cancelledAt)
        try container.encode(Counts(total: batch.counts.total, completed: batch.counts.completed, failed: batch.counts.failed), forKey: .requestCounts)
        let usage = batch.usage
        try container.encode(
            Usage(
                input_tokens: usage.inputTokens, input_tokens_details: .init(cached_tokens: usage.cachedTokens), output_tokens: usage.outputTokens,
                output_tokens_details: .init(reasoning_tokens: usage.reasoningTokens), total_tokens: usage.totalTokens
            ),
            forKey: .usage
        )
        try container.encode(batch.metadata, forKey: .metadata)
    }

    /// When the batch entered `status`, in whole Unix seconds.
    private func seconds(_ status: BatchStatus) -> Int? {
        batch.statusTimes[status].map { Int($0) }
    }
}
