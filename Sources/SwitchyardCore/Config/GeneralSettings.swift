/// `general_settings`: authentication, storage and request limits.
public struct GeneralSettings: Sendable, Equatable {
    /// The key that may do everything; nil runs the gateway open (loopback only).
    public var masterKey: String?
    /// A Postgres URL; nil means the embedded SQLite store. Read from the environment only
    /// when written as `os.environ/DATABASE_URL`.
    public var databaseURL: String?
    /// Largest accepted request body, in megabytes.
    public var maxRequestSizeMB: Double
    /// Largest file `POST /v1/files` takes, in megabytes (`max_file_size_mb`; OpenAI's 512).
    /// Uploads stream to storage, so this cap, not `max_request_size_mb`, bounds their bodies.
    public var maxFileSizeMB: Double = 512
    /// The storage a key's files may take unless the key sets `max_storage_bytes`, in
    /// megabytes (`default_storage_limit_mb`); 0 sets no default limit.
    public var defaultStorageLimitMB: Double = 1024
    /// Where uploaded files are kept when the store is SQLite (`files_directory`); nil keeps
    /// them in `<database file>.files/` beside it. With PostgreSQL they live in the database.
    public var filesDirectory: String?
    /// Whether every deployment is probed in the background (`background_health_checks`).
    public var backgroundHealthChecks: Bool = false
    /// Seconds between background probes (`health_check_interval`, LiteLLM's default 300).
    public var healthCheckInterval: Double = 300
    /// Seconds between writes of spend, usage windows and the spend log to the store, and
    /// between reads of what other replicas wrote (`proxy_batch_write_at`; LiteLLM's default
    /// is 10, ours 1: a kill -9 loses at most this much).
    public var batchWriteInterval: Double = 1
    /// Batch scheduling: concurrency, lease and polling (`batch_*`).
    public var batches = BatchSettings()
    /// Keep spend totals but write no per-request log rows (`disable_spend_logs`).
    public var disableSpendLogs: Bool = false
    /// How long spend log rows are kept (`maximum_spend_logs_retention_period`); nil keeps them.
    public var spendLogsRetention: BudgetDuration?
    /// How long stored Responses API responses are kept (`responses_retention_period`);
    /// 30 days by default, as OpenAI keeps them.
    public var responsesRetention: BudgetDuration = BudgetDuration(count: 30, unit: .days)
    /// How often the job poller looks for video and music jobs due a poll
    /// (`job_poll_interval`, seconds).
    public var jobPollInterval: Double = 1
    /// The wait before a job's first poll and the longest wait between polls; each poll
    /// doubles the wait (`job_poll_initial_delay`, `job_poll_max_delay`, seconds).
    public var jobPollInitialDelay: Double = 2
    public var jobPollMaxDelay: Double = 30
    /// How long a finished job's content is kept (`job_content_retention_period`); a day, as
    /// OpenAI keeps generated videos.
    public var jobContentRetention: BudgetDuration = BudgetDuration(count: 1, unit: .days)
    /// Let the gateway fetch image links that resolve to loopback, private or link-local
    /// addresses (`allow_internal_image_urls`); off, so requests cannot probe the network.
    public var allowInternalImageURLs: Bool = false
    /// The status a spent budget is answered with (`budget_exceeded_status`): 402 by default,
    /// or 429 for deployments that promised their clients that code.
    public var budgetExceededStatus: Int = 402
    /// Credits per USD in the `x-credits-used` response header (`credits_per_usd`), for
    /// gateways that sell credits rather than dollars. Only that header uses it: spend,
    /// budgets, reports and the admin API stay in USD.
    public var creditsPerUSD: Double = 1
    /// Seconds SIGTERM waits for in-flight requests before ending them
    /// (`graceful_shutdown_timeout`); spend and logs are flushed after either way.
    public var gracefulShutdownTimeout: Double = 30
    /// Whether `/metrics` takes a key like any other route (`metrics_require_key`); open by
    /// default, as Prometheus scrapers expect.
    public var metricsRequireKey: Bool = false
    /// Log one JSON object per line (`json_logs`; LiteLLM reads it from `litellm_settings`,
    /// which works too, and from the `JSON_LOGS` environment variable).
    public var jsonLogs: Bool = false
    /// Requests per client address per window, before any key is checked (`ip_rate_limit`).
    public var addressRateLimit: AddressRateLimitSettings?
    /// Proxies whose `X-Forwarded-For` names the client (`trusted_proxies`: addresses or IPv4
    /// networks); from any other peer the header is ignored.
    public var trustedProxies: [String] = []
    /// Largest request head, in kilobytes (`max_header_size_kb`): larger heads get a 431.
    public var maxHeaderSizeKB: Double = 32
    /// Seconds a client has to send a whole request head (`client_header_timeout`, nginx's
    /// name and default of 60 lowered to 10): a head still incomplete gets a 408 and a close.
    public var clientHeaderTimeout: Double = 10
    /// The longest gap, in seconds, between two reads of a request body
    /// (`client_body_timeout`): a body that stops arriving gets a 408 and a close.
    public var clientBodyTimeout: Double = 30
    /// Seconds a client may leave an answer unread, its socket buffer full, before the
    /// connection is closed and the answer abandoned (`send_timeout`, nginx's name and default).
    public var sendTimeout: Double = 60
    /// Seconds an idle keep-alive connection stays open (`keepalive_timeout`).
    public var keepaliveTimeout: Double = 60
    /// Open client connections at most (`max_connections`); nil derives it from the process's
    /// file-descriptor limit. Past it, new connections are closed at once.
    public var maxConnections: Int?
    /// Connections the gateway opens at most to one upstream host, port and TLS trust
    /// (`upstream_max_connections_per_host`); requests beyond wait for a free one, first come
    /// first served, within their timeout.
    public var upstreamMaxConnectionsPerHost: Int = 512
    /// Seconds an idle upstream keep-alive connection stays open (`upstream_idle_timeout`).
    public var upstreamIdleTimeout: Double = 60
    /// Every other key, as written (including ones reported as not supported yet).
    public var extra: [String: JSONValue]

    public init(
        masterKey: String? = nil,
        databaseURL: String? = nil,
        maxRequestSizeMB: Double = 32,
        extra: [String: JSONValue] = [:]
    ) {
        self.masterKey = masterKey
        self.databaseURL = databaseURL
        self.maxRequestSizeMB = maxRequestSizeMB
        self.extra = extra
    }
}
