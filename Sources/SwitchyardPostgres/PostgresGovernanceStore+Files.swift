import PostgresNIO
import SwitchyardCore

extension PostgresGovernanceStore {
    public func insertFile(_ file: StoredFile) async throws {
        try await perform("insertFile") {
            try await execute("""
                INSERT INTO switchyard_files (\(unescaped: FileQuery.columns)) VALUES (
                    \(file.id), \(file.ownerKeyHash), \(file.teamID), \(file.filename), \(file.purpose), \(file.bytes),
                    \(file.createdAt), \(file.expiresAt), \(file.status.rawValue)
                )
                """)
        }
    }

    public func updateFile(_ file: StoredFile) async throws {
        try await perform("updateFile") {
            try await execute("""
                UPDATE switchyard_files SET
                    owner_key_hash = \(file.ownerKeyHash), team_id = \(file.teamID), filename = \(file.filename),
                    purpose = \(file.purpose), bytes = \(file.bytes), created_at = \(file.createdAt),
                    expires_at = \(file.expiresAt), status = \(file.status.rawValue)
                WHERE id = \(file.id)
                """)
        }
    }

    public func file(id: String) async throws -> StoredFile? {
        try await perform("file") {
            try await rows("SELECT \(unescaped: FileQuery.columns) FROM switchyard_files WHERE id = \(id)", Self.decodeFile).first
        }
    }

    public func files(_ query: FileQuery) async throws -> [StoredFile] {
        let (sql, binds) = query.sql { "$\($0)" }
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds {
            switch bind {
            case .text(let text): bindings.append(text)
            case .real(let number): bindings.append(number)
            case .integer(let number): bindings.append(number)
            }
        }
        return try await perform("files") {
            try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings), Self.decodeFile)
        }
    }

    public func deleteFile(id: String) async throws -> Bool {
        try await perform("deleteFile") {
            try await !rows("DELETE FROM switchyard_files WHERE id = \(id) RETURNING 1") { _ in () }.isEmpty
        }
    }

    public func storageUsed(by scope: StorageScope, at now: Double) async throws -> Int64 {
        let query: PostgresQuery = switch scope {
        case .key(let hash):
            """
            SELECT COALESCE(SUM(bytes), 0)::BIGINT FROM switchyard_files
            WHERE owner_key_hash = \(hash) AND status = 'processed' AND (expires_at IS NULL OR expires_at > \(now))
            """
        case .team(let id):
            """
            SELECT COALESCE(SUM(bytes), 0)::BIGINT FROM switchyard_files
            WHERE team_id = \(id) AND status = 'processed' AND (expires_at IS NULL OR expires_at > \(now))
            """
        }
        return try await perform("storageUsed") {
            try await rows(query) { try $0.decode(Int64.self) }.first ?? 0
        }
    }

    public func filesToPrune(now: Double, abandonedBefore: Double, limit: Int) async throws -> [String] {
        try await perform("filesToPrune") {
            try await rows("""
                SELECT id FROM switchyard_files WHERE expires_at <= \(now)
                UNION SELECT id FROM switchyard_files WHERE status = 'uploading' AND created_at < \(abandonedBefore)
                LIMIT \(limit)
                """) { try $0.decode(String.self) }
        }
    }

    private static func decodeFile(_ row: PostgresRow) throws -> StoredFile {
        var reader = RowReader(row)
        let id: String = try reader.next()
        let owner: String = try reader.next()
        let teamID: String? = try reader.next()
        let filename: String = try reader.next()
        let purpose: String = try reader.next()
        let bytes: Int64 = try reader.next()
        let createdAt: Double = try reader.next()
        let expiresAt: Double? = try reader.next()
        let status: String = try reader.next()
        return StoredFile(
            id: id, ownerKeyHash: owner, teamID: teamID, filename: filename, purpose: purpose, bytes: bytes, createdAt: createdAt,
            expiresAt: expiresAt, status: StoredFile.Status(rawValue: status) ?? .uploading
        )
    }
}
