/// A filter over the spend log (`/spend/logs`); every field narrows, nil matches all.
public struct SpendLogQuery: Sendable, Hashable {
    public var keyHash: String?
    public var userID: String?
    public var teamID: String?
    public var modelGroup: String?
    public var tag: String?
    public var requestID: String?
    /// HTTP statuses to keep, inclusive (`status=success` is 100…399, `failure` 400…599).
    public var statuses: ClosedRange<Int>?
    /// Unix seconds, inclusive.
    public var startTime: Double?
    /// Unix seconds, exclusive.
    public var endTime: Double?
    /// Rows to skip, newest first.
    public var offset: Int
    public var limit: Int

    public init(
        keyHash: String? = nil,
        userID: String? = nil,
        teamID: String? = nil,
        modelGroup: String? = nil,
        tag: String? = nil,
        requestID: String? = nil,
        statuses: ClosedRange<Int>? = nil,
        startTime: Double? = nil,
        endTime: Double? = nil,
        offset: Int = 0,
        limit: Int = 100
    ) {
        self.statuses = statuses
        self.keyHash = keyHash
        self.userID = userID
        self.teamID = teamID
        self.modelGroup = modelGroup
        self.tag = tag
        self.requestID = requestID
        self.startTime = startTime
        self.endTime = endTime
        self.offset = offset
        self.limit = limit
    }
}

/// One line of `/global/spend/report`: a UTC day and model group.
public struct SpendReportRow: Sendable, Hashable {
    /// `YYYY-MM-DD`, UTC.
    public var day: String
    public var modelGroup: String
    /// USD charged (list cost times each request's billing multiplier).
    public var spend: Double
    /// USD at list price, before billing multipliers.
    public var listCost: Double
    public var requests: Int
    public var promptTokens: Int
    public var completionTokens: Int

    public init(day: String, modelGroup: String, spend: Double, listCost: Double? = nil, requests: Int, promptTokens: Int, completionTokens: Int) {
        self.day = day
        self.modelGroup = modelGroup
        self.spend = spend
        self.listCost = listCost ?? spend
        self.requests = requests
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }
}
