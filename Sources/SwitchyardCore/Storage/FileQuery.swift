/// Which files a caller sees: everything (admins), or what a key and its team own.
public enum FileVisibility: Sendable, Hashable {
    case all
    case owner(keyHash: String, teamID: String?)

    /// Whether a file owned by `keyHash` (uploaded under `teamID`) is visible.
    public func includes(ownerKeyHash: String, teamID fileTeam: String?) -> Bool {
        switch self {
        case .all: return true
        case .owner(let keyHash, let teamID):
            if ownerKeyHash == keyHash { return true }
            guard let teamID, let fileTeam else { return false }
            return teamID == fileTeam
        }
    }
}

/// One page request of `GET /v1/files`, answered by the store in SQL.
public struct FileQuery: Sendable, Hashable {
    public var visibility: FileVisibility
    /// Only files of this purpose.
    public var purpose: String?
    /// Files per page; the store answers up to one more, which says `has_more`.
    public var limit: Int
    public var order: CursorPage<StoredFile>.Order
    /// Ids of files the page starts after, or ends before (in `order`).
    public var after: String?
    public var before: String?
    /// Unix seconds: files expired by then are not listed.
    public var now: Double

    public init(
        visibility: FileVisibility, purpose: String? = nil, limit: Int, order: CursorPage<StoredFile>.Order = .desc, after: String? = nil,
        before: String? = nil, now: Double
    ) {
        self.visibility = visibility
        self.purpose = purpose
        self.limit = limit
        self.order = order
        self.after = after
        self.before = before
        self.now = now
    }
}

/// Whose stored bytes count against one storage limit: a key's files, or every file its team
/// holds.
public enum StorageScope: Sendable, Hashable {
    case key(hash: String)
    case team(id: String)
}
