import Foundation
import Yams

extension ConfigReader {
    /// Reads `litellm_settings.cache` and `cache_params` into the cache settings, or nil when
    /// answers are not cached.
    mutating func readCache(enabled: ConfigEntry?, params: ConfigEntry?) -> CacheSettings? {
        let on = enabled.flatMap { bool($0.value, at: $0.path) } ?? false
        guard on else {
            if let params { warning(params.path, "ignored: set litellm_settings.cache: true to cache responses", at: params.keyNode) }
            return nil
        }
        var settings = CacheSettings()
        guard let params, let fields = entries(of: params.value, at: params.path) else { return settings }
        var type = "local"
        var maxEntries = CacheSettings.defaultMaxEntries
        var maxBytes = CacheSettings.defaultMaxBytes
        var redis = RedisSettings()
        var redisFields: [ConfigEntry] = []
        var semanticFields: [ConfigEntry] = []
        for field in fields {
            let (value, path) = (field.value, field.path)
            switch field.key {
            case "type": type = string(value, at: path) ?? "local"
            case "ttl": settings.ttl = number(value, at: path, .positive) ?? CacheSettings.defaultTTL
            case "namespace": settings.namespace = string(value, at: path).flatMap { $0.isEmpty ? nil : $0 }
            case "mode":
                let text = string(value, at: path) ?? "default_on"
                if let mode = CacheSettings.Mode(rawValue: text) {
                    settings.mode = mode
                } else {
                    error(path, "unknown mode \"\(text)\" (expected default_on or default_off)", at: value)
                }
            case "supported_call_types":
                if let operations = readCallTypes(value, at: path) { settings.operations = operations }
            case "max_entries", "max_size_in_memory":
                if let count = integer(value, at: path) {
                    if count < 1 { error(path, "must be 1 or more", at: value) } else { maxEntries = count }
                }
            case "max_bytes":
                if let count = integer(value, at: path) {
                    if count < 1 { error(path, "must be 1 or more", at: value) } else { maxBytes = count }
                }
            case "similarity_threshold", "semantic_cache_embedding_model", "redis_semantic_cache_embedding_model":
                semanticFields.append(field)
            case _ where Self.redisKeys.contains(field.key):
                redisFields.append(field)
            default:
                warning(path, "unknown key, ignored", at: field.keyNode)
            }
        }
        let typePath = params.path.key("type")
        let typeNode = fields.first { $0.key == "type" }?.value
        switch type {
        case "local":
            for field in redisFields { warning(field.path, "ignored: only type redis connects to a server", at: field.keyNode) }
            settings.backend = .local(maxEntries: maxEntries, maxBytes: maxBytes)
        case "redis", "redis-semantic":
            redis = readRedis(redisFields)
            settings.backend = .redis(redis)
        case "qdrant-semantic":
            error(
                typePath,
                "qdrant-semantic needs a Qdrant server, which Switchyard does not use: use redis-semantic (answers in Redis), or local or redis with similarity_threshold and semantic_cache_embedding_model (vectors in an in-process index)",
                at: typeNode
            )
            return nil
        default:
            error(typePath, "unsupported cache type \"\(type)\" (expected local, redis or redis-semantic)", at: typeNode)
            return nil
        }
        settings.semantic = readSemanticCache(semanticFields, required: type == "redis-semantic", params: params, maxEntries: maxEntries)
        return settings
    }

    /// The `cache_params` keys of a Redis connection, LiteLLM's (redis-py's) names.
    static let redisKeys: Set<String> = [
        "host", "port", "password", "username", "db", "ssl", "url", "redis_url", "max_connections", "timeout", "ssl_ca_certs", "ssl_certfile",
        "ssl_keyfile", "ssl_cert_reqs",
    ]

    /// LiteLLM's call type names, as the gateway's operations.
    private mutating func readCallTypes(_ node: Node, at path: ConfigPath) -> Set<String>? {
        guard let items = stringItems(node, at: path) else { return nil }
        var operations = Set<String>()
        for item in items {
            if let mapped = CacheSettings.callTypes[item.value] {
                operations.formUnion(mapped)
            } else if CacheSettings.uncachedCallTypes.contains(item.value) {
                warning(item.path, "\(item.value) answers are not cached by the gateway, ignored", at: item.node)
            } else {
                let known = CacheSettings.callTypes.keys.sorted().joined(separator: ", ")
                error(item.path, "unknown call type \"\(item.value)\" (expected one of \(known))", at: item.node)
            }
        }
        return operations
    }
}
