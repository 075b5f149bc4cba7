/// What `switchyard spend` sums the spend log by.
public enum SpendGrouping: String, Sendable, CaseIterable {
    case key, team, model

    /// The spend log column that holds the group.
    public var column: String {
        switch self {
        case .key: "key_hash"
        case .team: "team_id"
        case .model: "model_group"
        }
    }
}

/// The spend log summed for one key, team or model group over a period.
public struct SpendTotalsRow: Sendable, Hashable {
    /// The key's hash, the team id or the model group; nil for requests with none (no key,
    /// no team).
    public var group: String?
    /// For keys, the alias the key had in its latest row.
    public var label: String?
    public var requests: Int
    /// USD charged.
    public var spend: Double
    /// USD at list price.
    public var listCost: Double
    public var promptTokens: Int
    public var completionTokens: Int

    public init(group: String?, label: String? = nil, requests: Int, spend: Double, listCost: Double, promptTokens: Int, completionTokens: Int) {
        self.group = group
        self.label = label
        self.requests = requests
        self.spend = spend
        self.listCost = listCost
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }
}
