import AsyncHTTPClient
import Foundation
import LeanHTTP
import Logging
import Synchronization
import SwitchyardCore

/// What every request handler shares, built once at start-up. A class: every request and
/// attempt holds it, and a reference is one retain where a copy of its fields was dozens.
final class Gateway: Sendable {
    /// The configuration in force, with its model groups and routing: swapped whole by a
    /// reload (`install`).
    var routes: RoutingTable { table.withLock { $0 } }
    var config: GatewayConfig { routes.config }
    var registry: ModelRegistry { routes.registry }
    var selector: DeploymentSelector { routes.selector }
    /// Retries, cooldowns and fallbacks over this gateway's model groups.
    var routing: RoutingLoop { routes.routing }
    private let table: Mutex<RoutingTable>
    private let slots = DeploymentSlots()
    let transport: UpstreamTransport
    let maxRequestBytes: Int
    /// Non-streamed upstream bodies larger than this are refused (502), not buffered.
    let maxResponseBytes: Int
    /// Every deployment's state, for the gateway's whole life (keys from `DeploymentSlots`).
    let ledger: DeploymentLedger
    let metrics: GatewayMetrics
    let clock: any GatewayClock
    let governance: Governance
    /// The response cache, when `litellm_settings.cache` is on.
    let cache: ResponseCache?
    /// Files of the Files API (and the gateway's own, such as batch output).
    let files: FileService
    /// Where finished job content is kept, and how jobs move on.
    let jobContent: any FileBlobStore
    let jobLifecycle: JobLifecycle
    /// This process's name on the job leases it takes.
    let replicaID = UUID().uuidString
    /// Starts each request's trace when OpenTelemetry export is on; nil when it is off.
    let tracer: RequestTracer?

    init(
        config: GatewayConfig, httpClient: HTTPClient, pool: HTTP1ConnectionPool, httpsViaProxy: Bool = false,
        store: any GovernanceStore, fileBlobs: any FileBlobStore, jobBlobs: (any FileBlobStore)? = nil, clock: any GatewayClock,
        cacheStore: (any ResponseCacheStore)? = nil, metrics: GatewayMetrics = GatewayMetrics(), tracer: RequestTracer? = nil
    ) {
        self.tracer = tracer
        self.jobContent = jobBlobs ?? fileBlobs
        self.jobLifecycle = JobLifecycle(
            backoff: JobBackoff(initial: config.general.jobPollInitialDelay, cap: config.general.jobPollMaxDelay),
            retention: config.general.jobContentRetention.seconds
        )
        self.clock = clock
        self.ledger = DeploymentLedger(
            deploymentCount: config.deployments.count,
            allowedFails: config.router.allowedFails,
            cooldownTime: config.router.cooldownTime,
            clock: clock
        )
        self.metrics = metrics
        self.table = Mutex(RoutingTable(config: config, slots: slots, ledger: ledger, clock: clock, metrics: metrics))
        self.governance = Governance(store: store, settings: config.general, clock: clock, metrics: metrics)
        // The in-process mock's jobs progress on the gateway's clock, so tests move them by hand.
        let mock = MockProviderHandler(jobTime: { clock.wallTime() })
        self.transport = UpstreamTransport(client: httpClient, pool: pool, mock: mock, httpsViaProxy: httpsViaProxy)
        self.maxRequestBytes = Int(config.general.maxRequestSizeMB * 1024 * 1024)
        self.maxResponseBytes = 256 * 1024 * 1024
        let metrics = self.metrics
        self.cache = config.litellm.cache.map { settings in
            switch settings.backend {
            case .local(let entries, let bytes):
                let store = cacheStore ?? LocalResponseCache(maxEntries: entries, maxBytes: bytes, clock: clock)
                return ResponseCache(settings: settings, store: store, backend: "local", metrics: metrics, clock: clock)
            case .redis:
                // `buildApplication` passes the Redis store; a gateway built without one keeps
                // answers in this process.
                let store = cacheStore ?? LocalResponseCache(maxEntries: CacheSettings.defaultMaxEntries, maxBytes: CacheSettings.defaultMaxBytes, clock: clock)
                return ResponseCache(settings: settings, store: store, backend: "redis", metrics: metrics, clock: clock)
            }
        }
        let general = config.general
        let quota = StorageQuota(
            store: store, ledger: governance.ledger, clock: clock,
            defaultKeyLimit: general.defaultStorageLimitMB > 0 ? Int64(general.defaultStorageLimitMB * 1024 * 1024) : nil
        )
        self.files = FileService(store: store, blobs: fileBlobs, quota: quota, clock: clock, maxFileBytes: Int64(general.maxFileSizeMB * 1024 * 1024))
    }

    /// Puts `config` in force for every request that starts from now on; requests already
    /// running finish on the table they started with.
    func install(_ config: GatewayConfig) {
        let next = RoutingTable(config: config, slots: slots, ledger: ledger, clock: clock, metrics: metrics)
        table.withLock { $0 = next }
    }

    /// The video and music jobs this gateway runs.
    var jobs: MediaJobs { MediaJobs(gateway: self) }

    /// Whole answers up to this size are held and checked before they are passed on; larger
    /// ones are passed on as they arrive (`LargeAnswerRelay`).
    static let bufferedAnswerBytes = 4 * 1024 * 1024

    /// Image answers are held up to this size: a few full-size pictures in base64 are
    /// megabytes each, and a held answer is counted exactly and carries `x-credits-used`.
    static let bufferedImageAnswerBytes = 32 * 1024 * 1024

    /// Seconds a whole request to `deployment` may take.
    func timeout(for deployment: Deployment) -> Double {
        deployment.timeout ?? config.router.timeout ?? config.litellm.requestTimeout
    }

    /// Seconds a stream from `deployment` may wait for its first byte, and for each next one.
    func streamTimeout(for deployment: Deployment) -> Double {
        deployment.streamTimeout ?? timeout(for: deployment)
    }

    /// Sends a non-streamed request to `deployment` and collects its answer, within the
    /// deployment's timeout and the response size limit. An error status comes back as the
    /// `GatewayError` the provider's own error shape gives (`endpoint`).
    ///
    /// With `spillingAfter`, a larger successful answer comes back as its first part and the
    /// rest still to read (see `UpstreamExchange.rest`), for callers that pass it on as it comes.
    func exchange(
        _ request: UpstreamRequest, deployment: Deployment, endpoint: any ProviderEndpoint, spillingAfter threshold: Int? = nil, logger: Logger
    ) async throws -> UpstreamExchange {
        let provider = deployment.provider.rawValue
        let answer = try await transport.exchange(
            request, timeout: timeout(for: deployment), limit: maxResponseBytes, spillingAfter: threshold, provider: provider, logger: logger
        )
        guard answer.isSuccess else { throw UpstreamFailure.fromResponse(answer, endpoint: endpoint, provider: provider) }
        return answer
    }

    /// Books the usage an answer reported: the deployment's tokens-per-minute window, token
    /// metrics, and the request's account (`meter`) for spend. Returns what the request is
    /// charged, nil when the deployment has no prices.
    @discardableResult
    func record(_ usage: Usage, candidate: RouteTarget.Candidate, meter: RequestMeter) -> Double? {
        record(MeteredUsage(usage), candidate: candidate, meter: meter)
    }

    /// Records what an answer used in any unit: tokens count against the deployment's TPM
    /// and the token metrics; everything is priced on the request's meter.
    @discardableResult
    func record(_ usage: MeteredUsage, candidate: RouteTarget.Candidate, meter: RequestMeter) -> Double? {
        if let tokens = usage.tokens {
            ledger.addTokens(candidate.key, tokens.totalTokens)
            let label = candidate.deployment.modelName
            metrics.increment(GatewayMetrics.tokens, ["model_group": label, "deployment": candidate.deployment.id, "kind": "prompt"], by: Double(tokens.promptTokens))
            metrics.increment(GatewayMetrics.tokens, ["model_group": label, "deployment": candidate.deployment.id, "kind": "completion"], by: Double(tokens.completionTokens))
        }
        return meter.observe(usage, deployment: candidate.deployment)
    }

}
