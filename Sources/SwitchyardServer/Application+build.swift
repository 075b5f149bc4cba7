import AsyncHTTPClient
import Foundation
import LeanHTTP
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import SwitchyardCore
import SwitchyardRedis

/// Where and how the gateway listens, and the configuration it serves.
public struct GatewayOptions: Sendable {
    public var host: String
    public var port: Int
    public var config: GatewayConfig
    /// Time for cooldowns, backoff and rate windows; tests inject a manual one.
    public var clock: any GatewayClock
    /// Where keys, spend and logs are kept. `switchyard serve` reads it from
    /// `general_settings.database_url`; the default here is a private in-memory database.
    public var store: StoreLocation
    /// An HTTP proxy for `https://` upstreams (`switchyard serve` reads `HTTPS_PROXY`); nil
    /// connects to them directly through the lean pool.
    public var httpsProxy: UpstreamProxy?
    /// Who polls video and music jobs: the background service, or a test by hand.
    public var jobPolling: JobPolling
    /// Reads the config again for a reload (`SIGHUP`, `POST /config/reload`): `switchyard
    /// serve` reads its config file; nil when there is none (the demo).
    public var configSource: (@Sendable () -> ConfigLoadResult)?

    public init(
        host: String = "127.0.0.1",
        port: Int = 4000,
        config: GatewayConfig,
        clock: any GatewayClock = SystemGatewayClock(),
        store: StoreLocation = .sqlite(path: ":memory:"),
        httpsProxy: UpstreamProxy? = nil,
        jobPolling: JobPolling = .background,
        configSource: (@Sendable () -> ConfigLoadResult)? = nil
    ) {
        self.configSource = configSource
        self.jobPolling = jobPolling
        self.httpsProxy = httpsProxy
        self.host = host
        self.port = port
        self.config = config
        self.clock = clock
        self.store = store
    }
}

/// Builds the gateway application; `switchyard serve` runs it and tests drive it.
public func buildApplication(
    _ options: GatewayOptions,
    logger: Logger = Logger(label: "switchyard"),
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    // Before anything that must be shut down: a refused trace setup stops the start cleanly.
    let metrics = GatewayMetrics()
    let traces = try TraceExport.make(config: options.config, metrics: metrics, logger: logger, environment: ProcessInfo.processInfo.environment)
    let opened = try options.store.open(filesDirectory: options.config.general.filesDirectory)
    let store = opened.store
    let httpClient = makeUpstreamHTTPClient(requestTimeout: options.config.litellm.requestTimeout, proxy: options.httpsProxy)
    let general = options.config.general
    let pool = HTTP1ConnectionPool(
        configuration: .init(
            maxConnectionsPerHost: general.upstreamMaxConnectionsPerHost,
            idleTimeout: .inSeconds(general.upstreamIdleTimeout),
            readTimeout: .inSeconds(max(options.config.litellm.requestTimeout, 1))
        )
    )
    var redisPool: RedisConnectionPool?
    if case .redis(let redis) = options.config.litellm.cache?.backend {
        redisPool = RedisConnectionPool(endpoint: RedisEndpoint(redis), maxConnections: redis.maxConnections, group: MultiThreadedEventLoopGroup.singleton)
    }
    let gateway = Gateway(
        config: options.config, httpClient: httpClient, pool: pool, httpsViaProxy: options.httpsProxy != nil, store: store, fileBlobs: opened.blobs, jobBlobs: opened.jobBlobs,
        clock: options.clock,
        cacheStore: redisPool.map { RedisResponseCacheStore(pool: $0) }, metrics: metrics, tracer: traces?.tracer
    )

    let batchScheduler = BatchScheduler(gateway: gateway, files: BatchFiles(gateway: gateway), logger: logger)
    let catalog = ModelCatalog(gateway: gateway)
    let reloader = ConfigReloader(gateway: gateway, catalog: catalog, source: options.configSource, logger: logger)
    let router = try makeRouter(gateway: gateway, batchScheduler: batchScheduler, catalog: catalog, reloader: reloader, clock: options.clock)

    var services: [any Service] = [HTTPClientService(client: httpClient, pool: pool)]
    // First, so it stops last: the spans of the last requests are exported at shutdown.
    if let traces { services.insert(traces.service, at: 0) }
    if let storeService = opened.service { services.append(storeService) }
    if let redisPool { services.append(RedisPoolService(pool: redisPool)) }
    services.append(
        GovernanceService(
            governance: gateway.governance, files: gateway.files, catalog: catalog, interval: options.config.general.batchWriteInterval, logger: logger
        )
    )
    switch options.jobPolling {
    case .background:
        services.append(JobPollingService(gateway: gateway, interval: options.config.general.jobPollInterval, logger: logger))
    case .manual(let control):
        control.install { await gateway.jobs.pollDue(logger: logger) }
    }
    if options.config.general.backgroundHealthChecks {
        services.append(HealthCheckService(gateway: gateway, interval: options.config.general.healthCheckInterval, logger: logger))
    }
    // Last, so it stops first: its lines finish and are logged before the governance service's
    // final flush.
    services.append(batchScheduler)
    // Stops first of all: no reload starts once shutdown has begun.
    services.append(ReloadSignalService(reloader: reloader))
    return GatewayApplication(
        responder: router.buildResponder(),
        host: options.host,
        port: options.port,
        limits: ConnectionLimits(
            settings: options.config.general, maxRequestBodyBytes: gateway.maxRequestBytes,
            streamedUploads: StreamedUploads(paths: FilesRoutes.uploadPaths, maxBodyBytes: Int(gateway.files.maxFileBytes + FileService.formAllowance))
        ),
        services: services,
        onServerRunning: onServerRunning,
        logger: logger
    )
}

/// Every route the gateway serves, each registered from a described table (`RouteSet`s and
/// `OperationTable`), with `/openapi.json` built from the same tables.
func makeRouter(
    gateway: Gateway, batchScheduler: BatchScheduler, catalog: ModelCatalog, reloader: ConfigReloader, clock: any GatewayClock
) throws -> Router<GatewayRequestContext> {
    let general = gateway.config.general
    // HEAD answers every GET route with its headers and no body, as RFC 9110 asks.
    let router = Router(context: GatewayRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: GatewayErrorMiddleware())
    if let limit = general.addressRateLimit {
        router.add(middleware: AddressRateLimitMiddleware(
            limiter: AddressRateLimiter(settings: limit, clock: clock),
            resolver: ClientAddressResolver(trustedProxies: general.trustedProxies)
        ))
    }
    let open = router.group()
    let authenticated = router.group().add(middleware: AuthMiddleware(governance: gateway.governance))
    // Every proxied operation, on every surface: one pipeline, which checks the key itself.
    let pipeline = OperationPipeline(gateway: gateway)
    OperationRoutes(pipeline: pipeline).register(on: router)
    var sets = [
        RouteSet(prefixes: RouteSet.gatewayPrefixes, routes: HealthRoutes(modelCount: gateway.registry.listedModels.count).routes),
        RouteSet(prefixes: RouteSet.gatewayPrefixes, routes: MonitoringRoutes(gateway: gateway, reloader: reloader).routes),
        RouteSet(prefixes: RouteSet.gatewayPrefixes, routes: ConfigRoutes(reloader: reloader).routes),
        RouteSet(prefixes: RouteSet.gatewayPrefixes, routes: ModelManagementRoutes(gateway: gateway, catalog: catalog).routes),
        RouteSet(prefixes: ErrorSurface.openAI.operationPrefixes, routes: OpenAIRoutes(gateway: gateway).routes),
        RouteSet(prefixes: RouteSet.gatewayPrefixes, routes: FilesRoutes(gateway: gateway).routes),
        RouteSet(prefixes: RouteSet.gatewayPrefixes, routes: BatchRoutes(gateway: gateway, scheduler: batchScheduler).routes),
        RouteSet(prefixes: RouteSet.gatewayPrefixes, routes: JobRoutes(gateway: gateway, pipeline: pipeline).routes),
        RouteSet(prefixes: RouteSet.gatewayPrefixes, routes: AdminRoutes(gateway: gateway).routes),
    ]
    let docsPrefixes = [""]
    let document = OpenAPIDocument(
        sections: sets.map { OpenAPIDocument.Section(prefixes: $0.prefixes, operations: $0.routes.map(\.operation)) }
            + OperationTable.all.map { OpenAPIDocument.Section(prefixes: $0.prefixes, operations: $0.apiOperations) }
            + [OpenAPIDocument.Section(prefixes: docsPrefixes, operations: DocsRoutes.operations + ConsoleRoutes.operations)]
    )
    sets.append(RouteSet(prefixes: docsPrefixes, routes: DocsRoutes(document: EncodedOnce(document)).routes + ConsoleRoutes().routes))
    for set in sets {
        set.register(open: open, authenticated: authenticated)
    }
    return router
}

/// The client for what the lean pool does not carry: `https://` upstreams behind an HTTP
/// proxy, and image URLs. HTTP/1 connections per host are raised well past the default of 8,
/// which would otherwise queue concurrent streams behind each other.
func makeUpstreamHTTPClient(requestTimeout: Double, proxy: UpstreamProxy? = nil) -> HTTPClient {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 1024)
    // A refused connection fails the attempt at once; the router's retries decide what next.
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.decompression = .disabled
    configuration.redirectConfiguration = .disallow
    configuration.timeout = .init(connect: .seconds(10), read: .inSeconds(max(requestTimeout, 1)))
    configuration.proxy = proxy?.clientProxy
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
}

/// Shuts the upstream clients down once the server has stopped taking requests.
struct HTTPClientService: Service {
    let client: HTTPClient
    let pool: HTTP1ConnectionPool

    func run() async throws {
        try? await gracefulShutdown()
        await pool.shutdown()
        try await client.shutdown()
    }
}
