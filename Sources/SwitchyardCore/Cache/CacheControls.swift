/// What one request asks of the cache: LiteLLM's body member `cache` (`no-cache`,
/// `no-store`, `ttl`, `s-maxage`, `namespace`, `use-cache`) and the gateway's header
/// `x-switchyard-cache: false`.
public struct CacheControls: Sendable, Equatable {
    /// Skip the lookup (the answer may still be stored).
    public var noCache = false
    /// Do not store the answer.
    public var noStore = false
    /// Seconds to keep this answer, instead of `cache_params.ttl`.
    public var ttl: Double?
    /// Accept only a cached answer younger than this many seconds.
    public var maxAge: Double?
    public var namespace: String?
    /// `use-cache: true`: opt in when `cache_params.mode` is `default_off`.
    public var useCache: Bool?

    public init() {}

    /// Reads the body's `cache` object; a value of the wrong type is a 400 naming it.
    public init(body: JSONValue?, header: String?) throws(GatewayError) {
        if let header, ["false", "0", "no", "off"].contains(header.lowercased().trimmingCharacters(in: .whitespaces)) {
            noCache = true
        }
        guard let body, !body.isNull else { return }
        guard let members = body.objectValue else { throw .invalidRequest("'cache' must be an object.", param: "cache") }
        func flag(_ name: String) throws(GatewayError) -> Bool? {
            guard let value = members[name], !value.isNull else { return nil }
            guard let flag = value.boolValue else { throw .invalidRequest("'cache.\(name)' must be a boolean.", param: "cache") }
            return flag
        }
        func seconds(_ name: String) throws(GatewayError) -> Double? {
            guard let value = members[name], !value.isNull else { return nil }
            guard let number = value.numberValue, number > 0 else { throw .invalidRequest("'cache.\(name)' must be a positive number of seconds.", param: "cache") }
            return number
        }
        if try flag("no-cache") == true { noCache = true }
        noStore = try flag("no-store") ?? false
        useCache = try flag("use-cache")
        ttl = try seconds("ttl")
        maxAge = try seconds("s-maxage")
        if let value = members["namespace"], !value.isNull {
            guard let text = value.stringValue, !text.isEmpty else { throw .invalidRequest("'cache.namespace' must be a non-empty string.", param: "cache") }
            namespace = text
        }
    }
}
