import SwitchyardCore

extension SQLiteGovernanceStore {
    public func insertFile(_ file: StoredFile) async throws {
        try await database.run { connection in
            try connection.query("INSERT INTO switchyard_files (\(FileQuery.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Self.row(file))
        }
    }

    public func updateFile(_ file: StoredFile) async throws {
        try await database.run { connection in
            var values = Self.row(file)
            let id = values.removeFirst()
            try connection.query(
                """
                UPDATE switchyard_files SET owner_key_hash = ?, team_id = ?, filename = ?, purpose = ?, bytes = ?, created_at = ?,
                expires_at = ?, status = ? WHERE id = ?
                """,
                values + [id]
            )
        }
    }

    public func file(id: String) async throws -> StoredFile? {
        try await database.run { connection in
            try connection.query("SELECT \(FileQuery.columns) FROM switchyard_files WHERE id = ?", [.text(id)]).first.map(Self.storedFile)
        }
    }

    public func files(_ query: FileQuery) async throws -> [StoredFile] {
        let (sql, binds) = query.sql { _ in "?" }
        let values = binds.map { bind -> SQLiteValue in
            switch bind {
            case .text(let text): .text(text)
            case .real(let number): .real(number)
            case .integer(let number): .integer(Int64(number))
            }
        }
        return try await database.run { connection in
            try connection.query(sql, values).map(Self.storedFile)
        }
    }

    public func deleteFile(id: String) async throws -> Bool {
        try await database.run { connection in
            try connection.query("DELETE FROM switchyard_files WHERE id = ?", [.text(id)])
            return connection.changes > 0
        }
    }

    public func storageUsed(by scope: StorageScope, at now: Double) async throws -> Int64 {
        let (column, value) = switch scope {
        case .key(let hash): ("owner_key_hash", hash)
        case .team(let id): ("team_id", id)
        }
        return try await database.run { connection in
            try connection.query(
                """
                SELECT COALESCE(SUM(bytes), 0) FROM switchyard_files
                WHERE \(column) = ? AND status = 'processed' AND (expires_at IS NULL OR expires_at > ?)
                """,
                [.text(value), .real(now)]
            ).first?.first?.int64 ?? 0
        }
    }

    public func filesToPrune(now: Double, abandonedBefore: Double, limit: Int) async throws -> [String] {
        try await database.run { connection in
            try connection.query(
                """
                SELECT id FROM switchyard_files WHERE expires_at <= ?
                UNION SELECT id FROM switchyard_files WHERE status = 'uploading' AND created_at < ?
                LIMIT ?
                """,
                [.real(now), .real(abandonedBefore), .integer(Int64(limit))]
            ).compactMap { $0.first?.string }
        }
    }

    static func row(_ file: StoredFile) -> [SQLiteValue] {
        [
            .text(file.id), .text(file.ownerKeyHash), SQLiteValue(file.teamID), .text(file.filename), .text(file.purpose),
            .integer(file.bytes), .real(file.createdAt), SQLiteValue(file.expiresAt), .text(file.status.rawValue),
        ]
    }

    static func storedFile(_ row: [SQLiteValue]) -> StoredFile {
        StoredFile(
            id: row[0].string ?? "", ownerKeyHash: row[1].string ?? "", teamID: row[2].string, filename: row[3].string ?? "",
            purpose: row[4].string ?? "", bytes: row[5].int64 ?? 0, createdAt: row[6].double ?? 0, expiresAt: row[7].double,
            status: row[8].string.flatMap(StoredFile.Status.init) ?? .uploading
        )
    }
}
