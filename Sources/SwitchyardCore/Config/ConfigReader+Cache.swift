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
        var semantic: ConfigEntry?
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
                semantic = semantic ?? field
            case "host", "port", "password", "username", "db", "ssl", "url", "redis_url", "max_connections", "timeout":
                redisFields.append(field)
            default:
                warning(path, "unknown key, ignored", at: field.keyNode)
            }
        }
        if let semantic {
            error(semantic.path, "semantic caching is not supported yet (exact-match caching only: remove similarity_threshold and the embedding model)", at: semantic.keyNode)
            return nil
        }
        switch type {
        case "local":
            for field in redisFields { warning(field.path, "ignored: only type redis connects to a server", at: field.keyNode) }
            settings.backend = .local(maxEntries: maxEntries, maxBytes: maxBytes)
        case "redis":
            redis = readRedis(redisFields)
            settings.backend = .redis(redis)
        case "redis-semantic", "qdrant-semantic", "valkey-semantic":
            error(params.path.key("type"), "semantic caching is not supported yet (use local or redis)", at: params.value)
            return nil
        default:
            error(params.path.key("type"), "unsupported cache type \"\(type)\" (expected local or redis)", at: params.value)
            return nil
        }
        return settings
    }

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

    /// The Redis server: `cache_params` first, then `REDIS_URL`, `REDIS_HOST`, `REDIS_PORT`,
    /// `REDIS_USERNAME`, `REDIS_PASSWORD` and `REDIS_SSL` from the environment, as LiteLLM reads them.
    private mutating func readRedis(_ fields: [ConfigEntry]) -> RedisSettings {
        var redis = RedisSettings()
        if let url = environment["REDIS_URL"] { applyRedisURL(url, to: &redis, at: .root, node: nil) }
        if let host = environment["REDIS_HOST"] { redis.host = host }
        if let port = environment["REDIS_PORT"].flatMap(Int.init) { redis.port = port }
        if let username = environment["REDIS_USERNAME"] { redis.username = username }
        if let password = environment["REDIS_PASSWORD"] { redis.password = password }
        if let ssl = environment["REDIS_SSL"] { redis.tls = ["true", "1", "yes"].contains(ssl.lowercased()) }
        for field in fields where field.key == "url" || field.key == "redis_url" {
            if let url = string(field.value, at: field.path) { applyRedisURL(url, to: &redis, at: field.path, node: field.value) }
        }
        for field in fields {
            let (value, path) = (field.value, field.path)
            switch field.key {
            case "host": if let host = string(value, at: path) { redis.host = host }
            case "port":
                if let port = integer(value, at: path) {
                    if (1...65535).contains(port) { redis.port = port } else { error(path, "must be a port number (1-65535)", at: value) }
                }
            case "password": redis.password = string(value, at: path)
            case "username": redis.username = string(value, at: path)
            case "db": if let db = integer(value, at: path) { redis.database = db }
            case "ssl": redis.tls = bool(value, at: path) ?? false
            case "max_connections":
                if let count = integer(value, at: path) {
                    if count < 1 { error(path, "must be 1 or more", at: value) } else { redis.maxConnections = count }
                }
            case "timeout": redis.timeout = number(value, at: path, .positive) ?? redis.timeout
            default: break
            }
        }
        return redis
    }

    /// `redis://[user:password@]host[:port][/db]`; `rediss://` for TLS.
    private mutating func applyRedisURL(_ text: String, to redis: inout RedisSettings, at path: ConfigPath, node: Node?) {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["redis", "rediss"].contains(scheme), let host = url.host, !host.isEmpty else {
            error(path, "not a redis:// or rediss:// URL", at: node)
            return
        }
        redis.host = host
        redis.tls = scheme == "rediss"
        if let port = url.port { redis.port = port }
        if let user = url.user, !user.isEmpty { redis.username = user }
        if let password = url.password { redis.password = password.removingPercentEncoding ?? password }
        if let db = Int(url.path.drop(while: { $0 == "/" })) { redis.database = db }
    }
}
