/// Where the Responses API keeps stored responses, so `previous_response_id` can continue a
/// conversation: the SQLite file, or PostgreSQL shared by replicas.
///
/// Unlike the rest of `GovernanceStore`, this is called per request: a response is written
/// before its last byte goes out, so the id a client holds can be continued at once, on any
/// replica. The tables come with `migrate()`.
public protocol ResponseStore: Sendable {
    /// Writes `response`, replacing a stored response with the same id: a write retried after
    /// a timeout lands once, and a response stored early can be stored again when it completes.
    func insertResponse(_ response: StoredResponse) async throws
    func response(id: String) async throws -> StoredResponse?
    /// The response `id` and every response before it along `previousResponseID`, oldest
    /// first: at most `limit` responses, the newest ones when the chain is longer.
    ///
    /// Empty when `id` is unknown. The chain stops at a response that is no longer stored
    /// (deleted or pruned), and at one it already passed, should `previousResponseID`s ever
    /// form a loop. One query, however long the chain.
    func conversation(endingAt id: String, limit: Int) async throws -> [StoredResponse]
    /// Deletes one response; answers whether it existed. Responses that continued it stay.
    func deleteResponse(id: String) async throws -> Bool
    /// Deletes responses created before `time` (Unix seconds); answers how many.
    func pruneResponses(createdBefore time: Double) async throws -> Int
}
