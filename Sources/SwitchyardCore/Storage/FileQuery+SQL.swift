/// The one SQL statement both stores answer `FileQuery` with, so SQLite and PostgreSQL page
/// the same way: live files, filtered, ordered by `(created_at, id)` from the cursor row on.
extension FileQuery {
    /// A value bound to the statement.
    public enum Bind: Sendable, Hashable {
        case text(String)
        case real(Double)
        case integer(Int)
    }

    /// Every column of `switchyard_files`, in the order stores read a `StoredFile`.
    public static let columns = "id, owner_key_hash, team_id, filename, purpose, bytes, created_at, expires_at, status"

    /// Whether the rows run from the `before` cursor backwards (see `FileStore.files`).
    public var scansBackwards: Bool { before != nil }

    /// The statement and its values; `placeholder(n)` writes the n-th (from 1) parameter
    /// marker in the store's syntax (`?` or `$n`).
    public func sql(placeholder: (Int) -> String) -> (sql: String, binds: [Bind]) {
        var binds: [Bind] = []
        func bind(_ value: Bind) -> String {
            binds.append(value)
            return placeholder(binds.count)
        }
        var conditions = ["status = 'processed'", "(expires_at IS NULL OR expires_at > \(bind(.real(now))))"]
        if case .owner(let keyHash, let teamID) = visibility {
            if let teamID {
                conditions.append("(owner_key_hash = \(bind(.text(keyHash))) OR team_id = \(bind(.text(teamID))))")
            } else {
                conditions.append("owner_key_hash = \(bind(.text(keyHash)))")
            }
        }
        if let purpose { conditions.append("purpose = \(bind(.text(purpose)))") }
        // In list order, `after` is further along and `before` further back.
        let (along, back) = order == .asc ? (">", "<") : ("<", ">")
        func cursor(_ id: String) -> String { "(SELECT created_at, id FROM switchyard_files WHERE id = \(bind(.text(id))))" }
        if let after { conditions.append("(created_at, id) \(along) \(cursor(after))") }
        if let before { conditions.append("(created_at, id) \(back) \(cursor(before))") }
        let ascending = (order == .asc) != scansBackwards
        let direction = ascending ? "ASC" : "DESC"
        let sql = """
            SELECT \(Self.columns) FROM switchyard_files WHERE \(conditions.joined(separator: " AND "))
            ORDER BY created_at \(direction), id \(direction) LIMIT \(bind(.integer(limit + 1)))
            """
        return (sql, binds)
    }
}
