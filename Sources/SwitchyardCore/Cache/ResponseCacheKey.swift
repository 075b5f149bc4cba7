import Crypto
import Foundation

/// The exact-match key of a request: SHA-256 over the namespace, the operation, the model
/// group and the canonical body (`CanonicalJSON`) without the members that do not change the
/// answer (`ignoredMembers`).
///
/// `stream` and `stream_options` stay in the key: a streamed answer is replayed as the same
/// events, a whole one as the same body, and neither can stand for the other.
public struct ResponseCacheKey: Sendable, Hashable, CustomStringConvertible {
    /// The hash, in lowercase hex.
    public let digest: String
    public let namespace: String?

    /// Members left out of the key: the gateway's own controls (never sent upstream), and
    /// `metadata` and `user`, which label a request for the caller's records without changing
    /// what the model answers.
    public static let ignoredMembers: Set<String> = OperationRequest.gatewayOnlyMembers.union(["metadata", "user"])

    /// - Parameter namespace: the caller's `cache.namespace`, else `cache_params.namespace`.
    /// The key of a request, its body read straight from its bytes.
    public init(_ request: OperationRequest, namespace: String?) throws(GatewayError) {
        var canonical: [UInt8] = []
        canonical.reserveCapacity(request.bytes.readableBytes)
        let result: Result<Void, JSONSyntaxError> = request.bytes.withUnsafeReadableBytes { raw in
            do throws(JSONSyntaxError) {
                try CanonicalJSON.encode(raw: raw, kind: .object, skipping: Self.ignoredMembers, into: &canonical)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        do {
            try result.get()
        } catch {
            throw GatewayError.malformedJSON(error)
        }
        self.init(operation: request.operation.name, model: request.model, canonicalBody: canonical, namespace: namespace)
    }

    public init(operation: String, model: String, body: JSONValue, namespace: String?) {
        var kept = body.objectValue ?? [:]
        for name in Self.ignoredMembers { kept[name] = nil }
        self.init(operation: operation, model: model, canonicalBody: CanonicalJSON.encode(.object(kept)), namespace: namespace)
    }

    private init(operation: String, model: String, canonicalBody: [UInt8], namespace: String?) {
        self.digest = Self.digest(tag: "switchyard-cache-v1", operation: operation, model: model, canonicalBody: canonicalBody, namespace: namespace)
        self.namespace = namespace
    }

    /// SHA-256 in hex over `tag`, the namespace, the operation and the model (each
    /// length-prefixed: no choice of namespace and model can run into another's), then the body.
    static func digest(tag: String, operation: String, model: String, canonicalBody: [UInt8], namespace: String?) -> String {
        var hasher = SHA256()
        for part in [tag, namespace ?? "", operation, model] {
            hasher.update(data: Array("\(part.utf8.count):\(part)\n".utf8))
        }
        hasher.update(data: canonicalBody)
        return HexDigits.encode(hasher.finalize())
    }

    /// The key as a store writes it: `namespace:switchyard:cache:<digest>`, so one
    /// namespace's entries can be listed and flushed together in Redis.
    public var description: String {
        (namespace.map { "\($0):" } ?? "") + "switchyard:cache:" + digest
    }
}
