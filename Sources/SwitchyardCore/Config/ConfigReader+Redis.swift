import Foundation
import Yams

extension ConfigReader {
    /// The Redis server: `cache_params` first, then `REDIS_URL`, `REDIS_HOST`, `REDIS_PORT`,
    /// `REDIS_USERNAME`, `REDIS_PASSWORD`, `REDIS_SSL` and the `REDIS_SSL_*` file settings from
    /// the environment, as LiteLLM reads them.
    mutating func readRedis(_ fields: [ConfigEntry]) -> RedisSettings {
        var redis = RedisSettings()
        if let url = environment["REDIS_URL"] { applyRedisURL(url, to: &redis, at: .root, node: nil) }
        if let host = environment["REDIS_HOST"] { redis.host = host }
        if let port = environment["REDIS_PORT"].flatMap(Int.init) { redis.port = port }
        if let username = environment["REDIS_USERNAME"] { redis.username = username }
        if let password = environment["REDIS_PASSWORD"] { redis.password = password }
        if let ssl = environment["REDIS_SSL"] { redis.tls = ["true", "1", "yes"].contains(ssl.lowercased()) }
        if let path = environment["REDIS_SSL_CA_CERTS"] { redis.caCertificatesPath = path }
        if let path = environment["REDIS_SSL_CERTFILE"] { redis.certificatePath = path }
        if let path = environment["REDIS_SSL_KEYFILE"] { redis.keyPath = path }
        if let requirement = environment["REDIS_SSL_CERT_REQS"] { redis.verifyCertificate = requirement.lowercased() != "none" }
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
            case "ssl_ca_certs": redis.caCertificatesPath = readableFile(value, at: path)
            case "ssl_certfile": redis.certificatePath = readableFile(value, at: path)
            case "ssl_keyfile": redis.keyPath = readableFile(value, at: path)
            case "ssl_cert_reqs":
                switch string(value, at: path)?.lowercased() {
                case "required", nil: redis.verifyCertificate = true
                case "none":
                    redis.verifyCertificate = false
                    warning(path, "the Redis server's TLS certificate is not verified", at: value)
                case let other?: error(path, "expected required or none, not \"\(other)\"", at: value)
                }
            case "max_connections":
                if let count = integer(value, at: path) {
                    if count < 1 { error(path, "must be 1 or more", at: value) } else { redis.maxConnections = count }
                }
            case "timeout": redis.timeout = number(value, at: path, .positive) ?? redis.timeout
            default: break
            }
        }
        if redis.certificatePath != nil, redis.keyPath == nil, let certificate = fields.first(where: { $0.key == "ssl_certfile" }) {
            error(certificate.path, "needs ssl_keyfile (the client certificate's private key)", at: certificate.keyNode)
        }
        if !redis.tls, let field = fields.first(where: { $0.key.hasPrefix("ssl_") }) {
            warning(field.path, "ignored: TLS is off (set ssl: true or use a rediss:// URL)", at: field.keyNode)
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

    /// The path of a readable file (a PEM certificate or key); an error naming it otherwise.
    private mutating func readableFile(_ node: Node, at path: ConfigPath) -> String? {
        guard let text = string(node, at: path) else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory), !isDirectory.boolValue else {
            error(path, "no such file: \(text)", at: node)
            return nil
        }
        guard FileManager.default.isReadableFile(atPath: text) else {
            error(path, "\(text) is not readable", at: node)
            return nil
        }
        return text
    }
}
