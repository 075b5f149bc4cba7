import NIOCore
import NIOPosix
import NIOSSL

/// Where a Redis server is and how to log in to it.
public struct RedisEndpoint: Sendable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var database: Int
    /// TLS (`rediss://`), nil for a plain connection.
    public var tls: RedisTLS?
    /// Seconds a connect, and each command, may take.
    public var timeout: Double

    public init(
        host: String, port: Int, username: String? = nil, password: String? = nil, database: Int = 0, tls: RedisTLS? = nil, timeout: Double = 1
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.timeout = timeout
    }
}

/// One connection to Redis, logged in and on its database. Commands may be sent from any
/// task; replies come back in order. A command that times out closes the connection (a late
/// reply would otherwise answer the next command).
public final class RedisConnection: Sendable {
    let channel: any Channel
    private let timeout: TimeAmount

    private init(channel: any Channel, timeout: TimeAmount) {
        self.channel = channel
        self.timeout = timeout
    }

    public var isActive: Bool { channel.isActive }

    /// Connects, then AUTH (password, or username and password) and SELECT as the endpoint says.
    public static func connect(to endpoint: RedisEndpoint, group: any EventLoopGroup) async throws -> RedisConnection {
        try await connect(to: endpoint, tls: endpoint.tls.map { try $0.makeContext() }, group: group)
    }

    /// Connects with a TLS context made once for many connections (`RedisTLS.makeContext`).
    static func connect(to endpoint: RedisEndpoint, tls: NIOSSLContext?, group: any EventLoopGroup) async throws -> RedisConnection {
        let timeout = TimeAmount.milliseconds(Int64(max(endpoint.timeout, 0.001) * 1000))
        // SNI takes a name, never an address: an IP is sent as no name and then checked
        // against the certificate's IP addresses.
        let serverName = (try? SocketAddress(ipAddress: endpoint.host, port: 0)) == nil ? endpoint.host : nil
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(RESPChannelHandler())
                }
            }
            .connect(host: endpoint.host, port: endpoint.port)
            .get()
        let connection = RedisConnection(channel: channel, timeout: timeout)
        do {
            if let password = endpoint.password {
                let auth: [RESPArgument] = endpoint.username.map { ["AUTH", .text($0), .text(password)] } ?? ["AUTH", .text(password)]
                try await connection.expectOK(auth)
            }
            if endpoint.database != 0 { try await connection.expectOK(["SELECT", .text(String(endpoint.database))]) }
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    /// Sends one command and waits for its reply; an error reply is returned, not thrown.
    public func send(_ arguments: [RESPArgument]) async throws -> RESPValue {
        var command = channel.allocator.buffer(capacity: 64)
        RESPEncoder.command(arguments, into: &command)
        let reply = channel.eventLoop.makePromise(of: RESPValue.self)
        let deadline = channel.eventLoop.scheduleTask(in: timeout) { [channel] in
            reply.fail(RedisError("no reply within the timeout"))
            channel.close(promise: nil)
        }
        reply.futureResult.whenComplete { _ in deadline.cancel() }
        channel.writeAndFlush((command, reply), promise: nil)
        return try await reply.futureResult.get()
    }

    /// Sends a command whose answer must be `+OK`; anything else is thrown.
    func expectOK(_ arguments: [RESPArgument]) async throws {
        let reply = try await send(arguments)
        guard reply == .simpleString("OK") else {
            if case .error(let message) = reply { throw RedisError(message) }
            throw RedisError("unexpected reply \(reply)")
        }
    }

    public func close() {
        channel.close(promise: nil)
    }
}
