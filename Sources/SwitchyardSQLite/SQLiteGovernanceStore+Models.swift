import SwitchyardCore

extension SQLiteGovernanceStore {
    public func insertModel(_ model: StoredModel) async throws {
        try await database.run { connection in
            try connection.query(
                "INSERT INTO switchyard_models (id, model_name, entry, created_at) VALUES (?, ?, ?, ?)",
                [.text(model.id), .text(model.modelName), .text(model.entry), .real(model.createdAt)]
            )
        }
    }

    public func deleteModel(id: String) async throws -> Bool {
        try await database.run { connection in
            try connection.query("DELETE FROM switchyard_models WHERE id = ?", [.text(id)])
            return connection.changes > 0
        }
    }

    public func storedModels() async throws -> [StoredModel] {
        try await database.run { connection in
            try connection.query("SELECT id, model_name, entry, created_at FROM switchyard_models ORDER BY created_at, id").map { row in
                StoredModel(id: row[0].string ?? "", modelName: row[1].string ?? "", entry: row[2].string ?? "{}", createdAt: row[3].double ?? 0)
            }
        }
    }
}
