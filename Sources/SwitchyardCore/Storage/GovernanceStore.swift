/// Where keys, teams, users, spend and the spend log live: SQLite embedded, PostgreSQL for
/// several replicas. Both pass the same test suite.
///
/// Nothing here is called per request: the gateway serves keys and limits from memory and
/// calls the store from its background sync and log writer. The stored responses, files and
/// batches it also holds (`ResponseStore`, `FileStore`, `BatchStore`) and the jobs the gateway
/// runs (`JobStore`) are the exceptions.
public protocol GovernanceStore: ResponseStore, FileStore, BatchStore, JobStore, ModelStore {
    /// Creates or upgrades the schema; safe to call on every start and from every replica.
    func migrate() async throws

    func insertKey(_ key: VirtualKey) async throws
    /// Replaces every field but `spend` (which only `addSpend` and resets change).
    func updateKey(_ key: VirtualKey) async throws
    /// Replaces a key's secret: the row moves from `oldHash` to `newKey.tokenHash`.
    func replaceKey(oldHash: String, with newKey: VirtualKey) async throws
    /// Removes keys; answers the hashes that existed.
    func deleteKeys(hashes: [String]) async throws -> [String]
    func key(hash: String) async throws -> VirtualKey?
    func allKeys() async throws -> [VirtualKey]

    func insertTeam(_ team: Team) async throws
    func updateTeam(_ team: Team) async throws
    func allTeams() async throws -> [Team]
    func insertUser(_ user: GatewayUser) async throws
    func updateUser(_ user: GatewayUser) async throws
    func allUsers() async throws -> [GatewayUser]
    /// Removes teams and every key whose `team_id` names one of them, in one transaction.
    func deleteTeams(ids: [String]) async throws -> DeletedOwners
    /// Removes users and every key whose `user_id` names one of them, in one transaction.
    func deleteUsers(ids: [String]) async throws -> DeletedOwners

    /// Adds spend to keys, teams and users in one transaction.
    func addSpend(_ deltas: [SpendDelta]) async throws
    /// Adds `amount` USD to an entity's `max_budget` (none counting as 0) in one statement, so
    /// top-ups served by several replicas at once all land; nil when the entity does not exist.
    func raiseBudget(of entity: GovernedEntity, by amount: Double) async throws -> BudgetBalance?
    /// Zeroes spend for ended budget periods, each only if its reset time still matches.
    func resetBudgets(_ resets: [BudgetReset]) async throws
    /// Adds this replica's requests and tokens to the shared per-minute windows.
    func addUsage(_ windows: [UsageWindow]) async throws
    /// Every entity's totals for minutes at or after `minute`, summed over replicas.
    func usage(since minute: Int) async throws -> [UsageWindow]

    func insertSpendLogs(_ entries: [SpendLogEntry]) async throws
    /// Matching rows, newest first, and how many match in all.
    func spendLogs(_ query: SpendLogQuery) async throws -> (rows: [SpendLogEntry], total: Int)
    /// Spend per UTC day and model group between two Unix times.
    func spendReport(from start: Double, to end: Double) async throws -> [SpendReportRow]
    /// Spend per key, team or model group for requests that started in `[start, end)`,
    /// largest spend first.
    func spendTotals(from start: Double, to end: Double, by grouping: SpendGrouping) async throws -> [SpendTotalsRow]
    /// Deletes log rows older than `time` and usage windows older than `minute`; answers rows removed.
    func prune(logsBefore time: Double, windowsBefore minute: Int) async throws -> Int

    func close() async throws
}
