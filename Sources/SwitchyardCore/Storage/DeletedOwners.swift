/// What deleting teams or users removed: those of them that existed, and the keys that
/// belonged to them (deleted with them, as LiteLLM's `/team/delete` and `/user/delete` do).
public struct DeletedOwners: Sendable, Equatable {
    public var ids: [String]
    public var keyHashes: [String]

    public init(ids: [String], keyHashes: [String]) {
        self.ids = ids
        self.keyHashes = keyHashes
    }
}
