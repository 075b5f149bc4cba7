extension GatewayMetrics {
    public static let requests = Family(name: "switchyard_requests_total", help: "Requests answered, by route, model group and status.", kind: .counter)
    public static let requestDuration = Family(name: "switchyard_request_duration_seconds", help: "Whole-request latency as the client saw it (to the first byte for streams).", kind: .histogram)
    public static let upstreamDuration = Family(name: "switchyard_upstream_duration_seconds", help: "Latency of the answering upstream attempt.", kind: .histogram)
    public static let timeToFirstToken = Family(name: "switchyard_time_to_first_token_seconds", help: "Time from the upstream request to its first streamed byte.", kind: .histogram)
    public static let gatewayOverhead = Family(name: "switchyard_gateway_overhead_seconds", help: "Request latency not spent waiting on the answering upstream attempt.", kind: .histogram)
    public static let tokens = Family(name: "switchyard_tokens_total", help: "Tokens reported by upstreams, by kind (prompt or completion).", kind: .counter)
    public static let upstreamErrors = Family(name: "switchyard_upstream_errors_total", help: "Failed upstream attempts, by deployment and status.", kind: .counter)
    public static let retries = Family(name: "switchyard_retries_total", help: "Attempts beyond the first within a model group.", kind: .counter)
    public static let fallbacks = Family(name: "switchyard_fallbacks_total", help: "Requests answered by a fallback model group.", kind: .counter)
    public static let cooldowns = Family(name: "switchyard_cooldowns_total", help: "Times a deployment was cooled down.", kind: .counter)
    public static let inFlight = Family(name: "switchyard_deployment_in_flight", help: "Requests in flight per deployment.", kind: .gauge)
    public static let spend = Family(name: "switchyard_spend_usd_total", help: "USD spent, by model group.", kind: .counter)
    public static let spendLogsDropped = Family(name: "switchyard_spend_logs_dropped_total", help: "Spend log rows refused because the write queue was full.", kind: .counter)
    public static let storeSyncFailures = Family(name: "switchyard_store_sync_failures_total", help: "Background writes to the store that failed (retried at the next sync).", kind: .counter)
    public static let cacheLookups = Family(name: "switchyard_cache_requests_total", help: "Cacheable requests, by operation and result (hit, miss or bypass).", kind: .counter)
    public static let cacheBytes = Family(name: "switchyard_cache_bytes_total", help: "Bytes of cached answers, served from the cache or stored in it.", kind: .counter)
    public static let cacheErrors = Family(name: "switchyard_cache_errors_total", help: "Cache store calls that failed (a failed lookup is a miss), by backend and call.", kind: .counter)
    public static let guardrailBlocks = Family(name: "switchyard_guardrail_blocks_total", help: "Requests and whole answers a guardrail refused (403), by route.", kind: .counter)
    public static let otelSpansDropped = Family(name: "switchyard_otel_spans_dropped_total", help: "Trace spans not exported: the collector failed or was too slow, or the export queue was full.", kind: .counter)
    public static let cooling = Family(name: "switchyard_deployment_cooling", help: "1 while a deployment is cooling down.", kind: .gauge)

    static let families: [Family] = [
        requests, requestDuration, upstreamDuration, timeToFirstToken, gatewayOverhead, tokens,
        upstreamErrors, retries, fallbacks, cooldowns, spend, spendLogsDropped, storeSyncFailures,
        cacheLookups, cacheBytes, cacheErrors, guardrailBlocks, otelSpansDropped,
    ]
}
