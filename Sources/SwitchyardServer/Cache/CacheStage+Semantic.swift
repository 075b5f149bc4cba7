import Foundation
import Logging
import NIOCore
import SwitchyardCore

extension CacheStage {
    /// After an exact miss: embeds the request's last user turn with the configured model group
    /// and looks for a stored answer of the same bucket whose turn is similar enough. An
    /// embedding call that fails makes a plain miss (logged and counted), and the answer is still
    /// stored under its exact key; one that succeeds lets the answer be found by meaning later.
    func semanticLookup(
        _ request: OperationRequest, namespace: String?, controls: CacheControls, write: CacheWrite?, cache: ResponseCache,
        semantic: SemanticCacheSettings, index: SemanticCacheIndex, requestID: String, logger: Logger
    ) async -> Lookup {
        guard let body = try? JSONDecoder().decode(JSONValue.self, from: Data(request.bytes.readableBytesView)),
            let prompt = SemanticCachePrompt(body: body, operation: request.operation, model: request.model, namespace: namespace)
        else { return .proceed(.miss, write: write) }
        let vector: [Float]
        do {
            vector = try await embed(prompt.text, model: semantic.embeddingModel, requestID: requestID, logger: logger)
        } catch {
            cache.embeddingFailed(error, logger: logger)
            return .proceed(.miss, write: write)
        }
        var write = write
        write?.semantic = SemanticEntry(bucket: prompt.bucket, vector: vector)
        for match in index.matches(for: vector, in: prompt.bucket, threshold: semantic.similarityThreshold).prefix(Self.semanticCandidates) {
            switch await cache.find(match.key, logger: logger) {
            case .found(let answer) where isFresh(answer, controls):
                return .hit(answer, similarity: match.similarity)
            case .found:
                continue
            case .absent:
                // Evicted or expired in the store before its vector here.
                index.remove(match.key, from: prompt.bucket)
            case .unavailable:
                return .proceed(.miss, write: write)
            }
        }
        return .proceed(.miss, write: write)
    }

    /// Stored answers tried, most similar first, before a lookup is a miss.
    static let semanticCandidates = 3

    /// The unit vector of `text`, from the model group `model` through the gateway's own
    /// pipeline (routed, retried and logged as a `cache/embeddings` row of its own).
    private func embed(_ text: String, model: String, requestID: String, logger: Logger) async throws -> [Float] {
        let answer = try await OperationPipeline(gateway: gateway).answerOnOwnBehalf(
            ["input": .string(text)], model: model, operation: OperationTable.embeddings, callType: "cache/embeddings",
            requestID: requestID + "/cache-embedding", logger: logger
        )
        let embeddings = try JSONDecoder().decode(EmbeddingResponse.self, from: Data(answer.readableBytesView))
        guard let values = embeddings.data.first?.embedding.floatValues, let unit = SemanticCacheIndex.normalized(values) else {
            throw GatewayError(.upstreamUnavailable, "The embedding model \(model) answered without a usable vector.", code: "bad_upstream_response")
        }
        return unit
    }
}
