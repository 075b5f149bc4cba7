/// `litellm_settings`: request-wide defaults.
public struct LiteLLMSettings: Sendable {
    /// Remove parameters a provider does not support instead of failing the request.
    public var dropParams: Bool
    /// Seconds a whole request may take when no deployment or router timeout applies.
    public var requestTimeout: Double
    /// `cache: true` with `cache_params`; nil when responses are not cached.
    public var cache: CacheSettings?
    /// Log one JSON object per line (`json_logs`, where LiteLLM reads it; also in `general_settings`).
    public var jsonLogs = false
    /// `callbacks: ["otel"]`: each request and each upstream attempt is a span, exported to the
    /// OTLP endpoint the standard `OTEL_EXPORTER_OTLP_*` variables name.
    public var otelTraces = false
    /// Every other key, as written (including ones reported as not supported yet).
    public var extra: [String: JSONValue]

    public init(dropParams: Bool = false, requestTimeout: Double = 600, cache: CacheSettings? = nil, extra: [String: JSONValue] = [:]) {
        self.cache = cache
        self.dropParams = dropParams
        self.requestTimeout = requestTimeout
        self.extra = extra
    }
}
