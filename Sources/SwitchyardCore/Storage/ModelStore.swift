/// Deployments added at run time through `/model/new` (LiteLLM's model management), kept in
/// the store so they survive restarts and reach every replica at its next sync. Each is the
/// `model_list` entry as the admin sent it, read with the same rules as the config file.
public protocol ModelStore: Sendable {
    func insertModel(_ model: StoredModel) async throws
    /// Deletes one stored model; answers whether it existed.
    func deleteModel(id: String) async throws -> Bool
    /// Every stored model, oldest first.
    func storedModels() async throws -> [StoredModel]
}

/// One `model_list` entry added at run time.
public struct StoredModel: Sendable, Equatable {
    /// Its `model_info.id`: how `/model/delete` and `/model/info` name it.
    public var id: String
    public var modelName: String
    /// The whole entry (`model_name`, `litellm_params`, `model_info`) as JSON.
    public var entry: String
    public var createdAt: Double

    public init(id: String, modelName: String, entry: String, createdAt: Double) {
        self.id = id
        self.modelName = modelName
        self.entry = entry
        self.createdAt = createdAt
    }
}
