import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The gateway as a Hummingbird application whose HTTP layer is the gateway's own.
///
/// Routing, middleware and handlers are Hummingbird's; the connection handling underneath is
/// `GatewayConnectionHandler`, which answers each request from the channel pipeline instead of
/// through an async channel per connection. Owning that layer is what lets the gateway order
/// pipelined requests without pausing reads, answer `Expect: 100-continue`, and take request
/// targets without a URL parse (`GatewayHTTPCodec`).
public struct GatewayApplication<Responder: HTTPResponder>: ApplicationProtocol
where Responder.Context == GatewayRequestContext {
    public let responder: Responder
    public let configuration: ApplicationConfiguration
    public let services: [any Service]
    public let logger: Logger
    let serverConfiguration: ServerConfiguration
    let limits: ConnectionLimits
    let runningHook: @Sendable (any Channel) async -> Void

    init(
        responder: Responder,
        host: String,
        port: Int,
        limits: ConnectionLimits,
        services: [any Service],
        onServerRunning: @escaping @Sendable (any Channel) async -> Void,
        logger: Logger
    ) {
        let address = BindAddress.hostname(host, port: port)
        let serverName = "switchyard"
        self.responder = responder
        self.configuration = ApplicationConfiguration(address: address, serverName: serverName)
        self.serverConfiguration = ServerConfiguration(address: address, serverName: serverName, backlog: 4096)
        self.limits = limits
        self.services = services
        self.runningHook = onServerRunning
        self.logger = logger
    }

    public func onServerRunning(_ channel: any Channel) async {
        await runningHook(channel)
    }

    /// Runs the services and the server; the server stops accepting first on shutdown and
    /// lets in-flight requests finish for up to `graceful_shutdown_timeout`, then the services
    /// behind it (the store's last flush among them) stop.
    public func run() async throws {
        let connections = GatewayConnections(
            responder: responder,
            limits: limits,
            openConnections: OpenConnections(limit: limits.maxConnections),
            serverName: serverConfiguration.serverName,
            logger: logger
        )
        let server = connections.server(
            configuration: serverConfiguration,
            onServerRunning: { await self.onServerRunning($0) },
            eventLoopGroup: eventLoopGroup,
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: services + [server], logger: logger))
        try await group.run()
    }
}
