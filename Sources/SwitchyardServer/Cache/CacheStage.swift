import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SwitchyardCore

/// The cache stage: after guardrails (a blocked prompt never reaches it), before route. It
/// answers a hit without an upstream call, and on a miss says where to store the answer. With
/// semantic caching on, an exact miss is looked up again by meaning (`semanticLookup`).
struct CacheStage: Sendable {
    let gateway: Gateway

    /// What the stage decided for one request.
    enum Lookup: Sendable {
        /// The operation is not cached (no `x-switchyard-cache` header either).
        case off
        /// A stored answer; `similarity` is set when it was found by meaning.
        case hit(CachedAnswer, similarity: Double?)
        /// The request goes on to route: a miss, or a bypass; `write` says where its answer is
        /// kept, nil when it is not (`no-store`, `default_off`, a stateful Responses call).
        case proceed(CacheStatus, write: CacheWrite?)
    }

    enum CacheStatus: String, Sendable {
        case hit, miss, bypass
    }

    struct CacheWrite: Sendable {
        var key: ResponseCacheKey
        var ttl: Double
        /// Where the answer's last user turn goes in the semantic index once it is stored.
        var semantic: SemanticEntry?
    }

    /// A last user turn's vector and the bucket it belongs to.
    struct SemanticEntry: Sendable {
        var bucket: String
        var vector: [Float]
    }

    func lookup(_ request: OperationRequest, headers: HTTPFields, answerGuarded: Bool = false, requestID: String, logger: Logger) async throws -> Lookup {
        guard let cache = gateway.cache, cache.settings.operations.contains(request.operation.name) else { return .off }
        let lookup =
            answerGuarded
            ? .proceed(.bypass, write: nil) : try await decide(request, cache: cache, header: headers[.switchyardCache], requestID: requestID, logger: logger)
        let result: String
        switch lookup {
        case .off: return .off
        case .hit(let answer, let similarity):
            // Semantic hits are counted apart: one more value of a label, not a new label.
            result = similarity == nil ? CacheStatus.hit.rawValue : "semantic_hit"
            cache.metrics.increment(GatewayMetrics.cacheBytes, ["direction": "served"], by: Double(answer.body.readableBytes))
        case .proceed(let status, _): result = status.rawValue
        }
        cache.metrics.increment(GatewayMetrics.cacheLookups, ["operation": request.operation.name, "result": result])
        return lookup
    }

    private func decide(_ request: OperationRequest, cache: ResponseCache, header: String?, requestID: String, logger: Logger) async throws -> Lookup {
        // Only the members the cache reads are decoded; the key is made from the bytes.
        let cacheMember: JSONValue? = request.has("cache") ? try decoded("cache", of: request) : nil
        let controls = try CacheControls(body: cacheMember, header: header)
        // A Responses call that continues or is stored has an answer of its own (a new id,
        // saved for the next turn): only stateless ones (`store: false`) are replayed.
        if request.operation.capability == .responses,
            request.bytes.withUnsafeReadableBytes({ request.index.bool("store", in: $0) }) != false || request.has("previous_response_id")
                || request.has("conversation")
        {
            return .proceed(.bypass, write: nil)
        }
        if cache.settings.mode == .defaultOff, controls.useCache != true { return .proceed(.bypass, write: nil) }
        let namespace = controls.namespace ?? cache.settings.namespace
        let key = try ResponseCacheKey(request, namespace: namespace)
        let write = controls.noStore ? nil : CacheWrite(key: key, ttl: controls.ttl ?? cache.settings.ttl)
        if controls.noCache { return .proceed(.bypass, write: write) }
        if let answer = await cache.get(key, logger: logger), isFresh(answer, controls) { return .hit(answer, similarity: nil) }
        guard let semantic = cache.settings.semantic, let index = cache.semanticIndex else { return .proceed(.miss, write: write) }
        return await semanticLookup(
            request, namespace: namespace, controls: controls, write: write, cache: cache, semantic: semantic, index: index, requestID: requestID, logger: logger
        )
    }

    /// Whether `answer` is young enough for the request's `s-maxage`.
    func isFresh(_ answer: CachedAnswer, _ controls: CacheControls) -> Bool {
        guard let maxAge = controls.maxAge else { return true }
        return gateway.clock.wallTime() - answer.storedAt <= maxAge
    }

    /// The response to a hit: the stored body (a stream as the same events), nothing charged,
    /// and a log row that says what it saved.
    func respond(_ answer: CachedAnswer, similarity: Double?, call: OperationCall) -> Response {
        let usage = answer.promptTokens + answer.completionTokens > 0
            ? MeteredUsage(tokens: Usage(promptTokens: answer.promptTokens, completionTokens: answer.completionTokens)) : nil
        let modelInfo = gateway.registry.resolve(call.model)?.candidates.first?.deployment.modelInfo ?? ModelInfo()
        let saved = usage.flatMap { CostCalculator.charge(of: $0, modelInfo: modelInfo)?.cost } ?? 0
        call.meter.observeCacheHit(usage, saved: saved)
        var headers = HTTPFields()
        headers[.contentType] = answer.contentType
        headers[.switchyardCache] = CacheStatus.hit.rawValue
        if let similarity { headers[.switchyardCacheSimilarity] = String(format: "%.4f", similarity) }
        headers[.creditsUsed] = CostCalculator.format(0)
        if answer.isStream { headers[.cacheControl] = "no-cache" }
        if let inspected = call.guardrailsHeader { headers[.guardrails] = inspected }
        call.meter.addRateLimitHeaders(to: &headers)
        call.meter.finish(status: 200)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: answer.body))
    }

    /// The answer as it goes to the client, kept on the way when `write` says so: a whole
    /// answer now, a stream once its last byte is written, if it ended normally.
    func keeping(_ answer: ProxiedAnswer, write: CacheWrite?, call: OperationCall) async -> ProxiedAnswer {
        guard let write, let cache = gateway.cache, (200..<300).contains(answer.status) else { return answer }
        let clock = gateway.clock
        let logger = call.logger
        switch answer.body {
        case .whole(let body, let usage):
            let stored = CachedAnswer(
                contentType: answer.contentType, isStream: false, body: body, promptTokens: usage?.tokens?.promptTokens ?? 0,
                completionTokens: usage?.tokens?.completionTokens ?? 0, storedAt: clock.wallTime()
            )
            await store(stored, write: write, cache: cache, logger: logger)
            return answer
        case .stream(let body):
            let contentType = answer.contentType
            let limit = cache.maxEntryBytes
            var kept = answer
            kept.body = .stream(ResponseBody { writer in
                let capture = StreamCapture(limit: limit)
                try await body.write(CapturingBodyWriter(inner: writer, capture: capture))
                guard !call.streamIsBroken, let captured = capture.captured else { return }
                let tokens = call.meter.observedUsage?.tokens
                let stored = CachedAnswer(
                    contentType: contentType, isStream: contentType.lowercased().contains("text/event-stream"), body: captured,
                    promptTokens: tokens?.promptTokens ?? 0, completionTokens: tokens?.completionTokens ?? 0, storedAt: clock.wallTime()
                )
                await store(stored, write: write, cache: cache, logger: logger)
            })
            return kept
        case .job:
            // A job's answer is its record, never cached.
            return answer
        }
    }

    /// Stores an answer, and its last user turn's vector once the store has it.
    private func store(_ answer: CachedAnswer, write: CacheWrite, cache: ResponseCache, logger: Logger) async {
        guard await cache.set(write.key, answer, ttl: write.ttl, logger: logger), let entry = write.semantic else { return }
        cache.semanticIndex?.insert(entry.vector, key: write.key, bucket: entry.bucket, ttl: write.ttl)
    }
}

extension HTTPField.Name {
    /// `x-switchyard-cache`: `false` on a request skips the lookup; on an answer, `hit`,
    /// `miss` or `bypass`.
    static let switchyardCache = HTTPField.Name("x-switchyard-cache")!
    /// On a semantic hit, the cosine similarity of the request's last user turn to the stored one.
    static let switchyardCacheSimilarity = HTTPField.Name("x-switchyard-cache-similarity")!
}

extension CacheStage {
    /// One top-level member of the request decoded; a 400 naming it when it cannot be.
    fileprivate func decoded(_ name: String, of request: OperationRequest) throws(GatewayError) -> JSONValue? {
        do {
            return try request.bytes.withUnsafeReadableBytes { try request.index.decode(JSONValue.self, name, in: $0) }
        } catch {
            throw GatewayError.invalidRequest("'\(name)' is not valid JSON.", param: name)
        }
    }
}
