import PostgresNIO
import SwitchyardCore

extension PostgresGovernanceStore {
    public func insertModel(_ model: StoredModel) async throws {
        try await perform("insertModel") {
            try await execute("""
                INSERT INTO switchyard_models (id, model_name, entry, created_at)
                VALUES (\(model.id), \(model.modelName), \(model.entry), \(model.createdAt))
                """)
        }
    }

    public func deleteModel(id: String) async throws -> Bool {
        try await perform("deleteModel") {
            try await !rows("DELETE FROM switchyard_models WHERE id = \(id) RETURNING 1") { _ in () }.isEmpty
        }
    }

    public func storedModels() async throws -> [StoredModel] {
        try await perform("storedModels") {
            try await rows("SELECT id, model_name, entry, created_at FROM switchyard_models ORDER BY created_at, id") { row in
                var reader = RowReader(row)
                return StoredModel(id: try reader.next(), modelName: try reader.next(), entry: try reader.next(), createdAt: try reader.next())
            }
        }
    }
}
