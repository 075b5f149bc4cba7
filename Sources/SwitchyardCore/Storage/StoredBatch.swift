/// One batch of the Batch API as stored: who made it, what it runs, where it stands, and what
/// its lines came to so far. Its lines are `BatchLine`s, stored beside it.
public struct StoredBatch: Sendable, Hashable {
    /// `batch_…`, as the gateway issued it.
    public var id: String
    /// The token hash of the key that made it; `master` for the master key, `open` on a
    /// gateway without auth (as `StoredResponse.ownerKeyHash`). Its lines run as this key.
    public var ownerKeyHash: String
    /// The key's team when the batch was made: its members may see the batch too.
    public var teamID: String?
    /// The operation every line calls: `/v1/chat/completions`, `/v1/embeddings`,
    /// `/v1/completions` or `/v1/responses`.
    public var endpoint: String
    public var inputFileID: String
    /// `24h`, the only window OpenAI offers.
    public var completionWindow: String
    public var status: BatchStatus
    /// Unix seconds, as every time here.
    public var createdAt: Double
    /// When the completion window closes: lines not run by then are not run.
    public var expiresAt: Double
    /// When the batch entered each status, once it did.
    public var statusTimes: [BatchStatus: Double]
    public var outputFileID: String?
    public var errorFileID: String?
    /// Lines in the input, lines answered with a 2xx, and lines that failed.
    public var counts: BatchRequestCounts
    /// Tokens the lines used, summed as they finish.
    public var usage: BatchTokenUsage
    /// Why the input file was refused (`failed` batches), as OpenAI lists them.
    public var errors: [BatchInputError]
    /// The client's `metadata`, at most 16 string pairs.
    public var metadata: [String: String]?
    /// The model every line named, when they all named the same one.
    public var model: String?
    /// Seconds from their creation until the output and error files expire
    /// (`output_expires_after`); nil keeps them until deleted.
    public var outputLifetime: Double?

    public init(
        id: String, ownerKeyHash: String, teamID: String? = nil, endpoint: String, inputFileID: String, completionWindow: String = "24h",
        status: BatchStatus = .validating, createdAt: Double, expiresAt: Double, statusTimes: [BatchStatus: Double] = [:],
        outputFileID: String? = nil, errorFileID: String? = nil, counts: BatchRequestCounts = BatchRequestCounts(),
        usage: BatchTokenUsage = BatchTokenUsage(), errors: [BatchInputError] = [], metadata: [String: String]? = nil, model: String? = nil,
        outputLifetime: Double? = nil
    ) {
        self.outputLifetime = outputLifetime
        self.id = id
        self.ownerKeyHash = ownerKeyHash
        self.teamID = teamID
        self.endpoint = endpoint
        self.inputFileID = inputFileID
        self.completionWindow = completionWindow
        self.status = status
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.statusTimes = statusTimes
        self.outputFileID = outputFileID
        self.errorFileID = errorFileID
        self.counts = counts
        self.usage = usage
        self.errors = errors
        self.metadata = metadata
        self.model = model
    }

    /// Moves the batch to `status`, noting when.
    public mutating func enter(_ status: BatchStatus, at time: Double) {
        self.status = status
        statusTimes[status] = time
    }
}

/// `request_counts`: lines in all, answered with a 2xx, and failed (any other answer, or none).
public struct BatchRequestCounts: Sendable, Hashable {
    public var total: Int
    public var completed: Int
    public var failed: Int

    public init(total: Int = 0, completed: Int = 0, failed: Int = 0) {
        self.total = total
        self.completed = completed
        self.failed = failed
    }

    /// Lines with a result.
    public var settled: Int { completed + failed }
}

/// `usage`: the tokens a batch's lines used, as OpenAI's batch object reports them.
public struct BatchTokenUsage: Sendable, Hashable {
    public var inputTokens: Int
    public var cachedTokens: Int
    public var outputTokens: Int
    public var reasoningTokens: Int

    public init(inputTokens: Int = 0, cachedTokens: Int = 0, outputTokens: Int = 0, reasoningTokens: Int = 0) {
        self.inputTokens = inputTokens
        self.cachedTokens = cachedTokens
        self.outputTokens = outputTokens
        self.reasoningTokens = reasoningTokens
    }

    /// What one answer's `usage` adds.
    public init(_ usage: Usage) {
        self.init(
            inputTokens: usage.promptTokens, cachedTokens: usage.promptTokensDetails?.cachedTokens ?? 0, outputTokens: usage.completionTokens,
            reasoningTokens: usage.completionTokensDetails?.reasoningTokens ?? 0
        )
    }

    public var totalTokens: Int { inputTokens + outputTokens }
}

/// One reason an input file was refused: OpenAI's `errors.data[]` item.
public struct BatchInputError: Error, Sendable, Hashable, Codable {
    public var code: String
    public var message: String
    /// The input line at fault, counted from 1.
    public var line: Int?
    public var param: String?

    public init(code: String, message: String, line: Int? = nil, param: String? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.param = param
    }
}
