import Yams

extension ConfigReader {
    /// Reads `litellm_settings`; the shared retry and fallback keys go to `shared`.
    mutating func readLiteLLMSettings(
        _ node: Node, at path: ConfigPath, shared: inout FallbackFields, references: inout [ModelReference]
    ) -> LiteLLMSettings {
        var settings = LiteLLMSettings()
        var cache: ConfigEntry?
        var cacheParams: ConfigEntry?
        for entry in entries(of: node, at: path) ?? [] {
            if readFallbackField(entry, into: &shared, references: &references) { continue }
            switch entry.key {
            case "cache": cache = entry
            case "cache_params": cacheParams = entry
            case "drop_params": settings.dropParams = bool(entry.value, at: entry.path) ?? false
            case "json_logs": settings.jsonLogs = bool(entry.value, at: entry.path) ?? false
            case "callbacks": settings.otelTraces = readCallbacks(entry)
            case "request_timeout": settings.requestTimeout = number(entry.value, at: entry.path, .positive) ?? 600
            case "ssl_verify": break  // read before the model list, by `readDefaultTrust`
            default:
                if let value = json(entry.value, at: entry.path) { settings.extra[entry.key] = value }
                reportIgnored(entry, notSupportedYet: ConfigKeys.litellmNotSupportedYet)
            }
        }
        settings.cache = readCache(enabled: cache, params: cacheParams)
        return settings
    }

    /// Reads `litellm_settings.callbacks`: whether it names `otel` (LiteLLM's name for
    /// OpenTelemetry export). Every other callback is a warning: it would do nothing here.
    private mutating func readCallbacks(_ entry: ConfigEntry) -> Bool {
        guard let items = stringItems(entry.value, at: entry.path) else { return false }
        var otel = false
        for item in items {
            if item.value == "otel" {
                otel = true
            } else {
                warning(item.path, "callback '\(item.value)' is not supported (only 'otel', which exports traces over OTLP); it is ignored", at: item.node)
            }
        }
        return otel
    }

    /// Reads `general_settings`.
    mutating func readGeneralSettings(_ node: Node, at path: ConfigPath) -> GeneralSettings {
        var settings = GeneralSettings()
        for entry in entries(of: node, at: path) ?? [] {
            switch entry.key {
            case "master_key": settings.masterKey = string(entry.value, at: entry.path)
            case "database_url": settings.databaseURL = string(entry.value, at: entry.path)
            case "max_request_size_mb": settings.maxRequestSizeMB = number(entry.value, at: entry.path, .positive) ?? 32
            case "max_file_size_mb": settings.maxFileSizeMB = number(entry.value, at: entry.path, .positive) ?? 512
            case "default_storage_limit_mb": settings.defaultStorageLimitMB = number(entry.value, at: entry.path, .nonNegative) ?? 1024
            case "files_directory": settings.filesDirectory = string(entry.value, at: entry.path)
            case "background_health_checks": settings.backgroundHealthChecks = bool(entry.value, at: entry.path) ?? false
            case "health_check_interval": settings.healthCheckInterval = number(entry.value, at: entry.path, .positive) ?? 300
            case "proxy_batch_write_at": settings.batchWriteInterval = number(entry.value, at: entry.path, .positive) ?? 1
            case "batch_concurrency":
                let value = integer(entry.value, at: entry.path)
                if let value, value < 1 { error(entry.path, "must be 1 or more", at: entry.value) }
                settings.batches.concurrency = max(value ?? 8, 1)
            case "batch_lease_seconds": settings.batches.leaseSeconds = number(entry.value, at: entry.path, .positive) ?? 30
            case "batch_poll_interval": settings.batches.pollInterval = number(entry.value, at: entry.path, .positive) ?? 1
            case "allow_internal_image_urls": settings.allowInternalImageURLs = bool(entry.value, at: entry.path) ?? false
            case "disable_spend_logs": settings.disableSpendLogs = bool(entry.value, at: entry.path) ?? false
            case "ip_rate_limit": settings.addressRateLimit = readAddressRateLimit(entry.value, at: entry.path)
            case "trusted_proxies": settings.trustedProxies = stringList(entry.value, at: entry.path) ?? []
            case "max_header_size_kb": settings.maxHeaderSizeKB = number(entry.value, at: entry.path, .positive) ?? 32
            case "client_header_timeout": settings.clientHeaderTimeout = number(entry.value, at: entry.path, .positive) ?? 10
            case "client_body_timeout": settings.clientBodyTimeout = number(entry.value, at: entry.path, .positive) ?? 30
            case "send_timeout": settings.sendTimeout = number(entry.value, at: entry.path, .positive) ?? 60
            case "keepalive_timeout": settings.keepaliveTimeout = number(entry.value, at: entry.path, .positive) ?? 60
            case "max_connections":
                settings.maxConnections = integer(entry.value, at: entry.path)
                if let value = settings.maxConnections, value < 1 { error(entry.path, "must be 1 or more", at: entry.value) }
            case "upstream_max_connections_per_host":
                let value = integer(entry.value, at: entry.path)
                if let value, value < 1 { error(entry.path, "must be 1 or more", at: entry.value) }
                settings.upstreamMaxConnectionsPerHost = max(value ?? 512, 1)
            case "upstream_idle_timeout": settings.upstreamIdleTimeout = number(entry.value, at: entry.path, .positive) ?? 60
            case "credits_per_usd": settings.creditsPerUSD = positiveNumber(entry.value, at: entry.path) ?? 1
            case "metrics_require_key": settings.metricsRequireKey = bool(entry.value, at: entry.path) ?? false
            case "json_logs": settings.jsonLogs = bool(entry.value, at: entry.path) ?? false
            case "graceful_shutdown_timeout": settings.gracefulShutdownTimeout = number(entry.value, at: entry.path, .nonNegative) ?? 30
            case "budget_exceeded_status":
                guard let status = number(entry.value, at: entry.path, .positive) else { break }
                if status == 402 || status == 429 {
                    settings.budgetExceededStatus = Int(status)
                } else {
                    error(entry.path, "must be 402 or 429", at: entry.value)
                }
            case "job_poll_interval": settings.jobPollInterval = number(entry.value, at: entry.path, .positive) ?? 1
            case "job_poll_initial_delay": settings.jobPollInitialDelay = number(entry.value, at: entry.path, .positive) ?? 2
            case "job_poll_max_delay": settings.jobPollMaxDelay = number(entry.value, at: entry.path, .positive) ?? 30
            case "job_content_retention_period":
                if let duration = duration(entry) { settings.jobContentRetention = duration }
            case "responses_retention_period":
                if let duration = duration(entry) { settings.responsesRetention = duration }
            case "maximum_spend_logs_retention_period":
                if let duration = duration(entry) { settings.spendLogsRetention = duration }
            default:
                if let value = json(entry.value, at: entry.path) { settings.extra[entry.key] = value }
                reportIgnored(entry, notSupportedYet: ConfigKeys.generalNotSupportedYet)
            }
        }
        return settings
    }

    /// A retention period (`30d`, `12h`…); an error naming the forms when it is not one.
    private mutating func duration(_ entry: ConfigEntry) -> BudgetDuration? {
        guard let text = string(entry.value, at: entry.path) else { return nil }
        guard let duration = BudgetDuration(text) else {
            error(entry.path, "not a duration (use 30s, 15m, 1h, 7d, 1mo)", at: entry.value)
            return nil
        }
        return duration
    }

    /// `ip_rate_limit: {requests: 5000, window: 10m}`; the window is a duration or seconds.
    mutating func readAddressRateLimit(_ node: Node, at path: ConfigPath) -> AddressRateLimitSettings? {
        var requests: Int?
        var window: Double?
        for entry in entries(of: node, at: path) ?? [] {
            switch entry.key {
            case "requests":
                requests = integer(entry.value, at: entry.path)
                if let value = requests, value < 1 { error(entry.path, "must be 1 or more", at: entry.value) }
            case "window":
                if let text = entry.value.string, let duration = BudgetDuration(text) {
                    window = duration.seconds
                } else if let seconds = number(entry.value, at: entry.path, .positive) {
                    window = seconds
                }
            default:
                reportIgnored(entry, notSupportedYet: [])
            }
        }
        guard let requests, requests >= 1 else {
            error(path, "needs requests (a number of requests per window)", at: node)
            return nil
        }
        return AddressRateLimitSettings(requests: requests, window: window ?? 600)
    }

    /// Adds `environment_variables` to the environment used for `os.environ/` (never the process's).
    ///
    /// As in LiteLLM, these values override the environment the gateway was started with.
    mutating func readEnvironmentVariables(_ node: Node, at path: ConfigPath) {
        var added: [String: String] = [:]
        for entry in entries(of: node, at: path) ?? [] {
            if let value = string(entry.value, at: entry.path) { added[entry.key] = value }
        }
        environment.merge(added) { _, new in new }
    }
}
