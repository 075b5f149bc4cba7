import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SwitchyardCore
import SwitchyardServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the gateway. With no config it serves the built-in mock models."
    )

    @Option(name: .long, help: "A LiteLLM-format config.yaml (or set SWITCHYARD_CONFIG).")
    var config: String?

    @Option(name: .long, help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on.")
    var port: Int = 4000

    @Flag(name: .customLong("insecure-no-auth"), help: "Allow a non-loopback address with no master key.")
    var insecureNoAuth = false

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical (or set LOG_LEVEL).")
    var logLevel: String?

    func run() async throws {
        let logger = LoggingSetup.bootstrap(level: logLevel)
        let environment = ProcessInfo.processInfo.environment
        EventLoopConcurrency.install(environment: environment)
        let gatewayConfig: GatewayConfig
        if let path = config ?? environment["SWITCHYARD_CONFIG"], !path.isEmpty {
            let result = ConfigLoader.load(file: path, environment: environment)
            for problem in result.problems {
                FileHandle.standardError.write(Data("\(path): \(problem.severity.rawValue): \(problem.description)\n".utf8))
            }
            guard let loaded = result.config, result.errors.isEmpty else {
                throw ExitCode(1)
            }
            gatewayConfig = loaded
        } else {
            gatewayConfig = GatewayConfig.demo()
            logger.notice("no config given: serving the built-in mock models (mock, gpt-4o-mini, claude-sonnet-4-5)")
        }
        if gatewayConfig.general.masterKey == nil && !Self.isLoopback(host) && !insecureNoAuth {
            FileHandle.standardError.write(Data("""
                Refusing to listen on \(host) with no master key: anyone who can reach it could use your providers.
                Set general_settings.master_key in the config, listen on 127.0.0.1, or pass --insecure-no-auth.

                """.utf8))
            throw ExitCode(1)
        }
        guard let store = StoreLocation(databaseURL: gatewayConfig.general.databaseURL) else {
            FileHandle.standardError.write(Data("general_settings.database_url: use postgres://…, postgresql://… or sqlite:PATH\n".utf8))
            throw ExitCode(1)
        }
        if case .sqlite(let path) = store { logger.notice("keys, spend and logs are stored in the SQLite file \(path)") }
        let app = try Self.orExit("cannot open the store") {
            try buildApplication(GatewayOptions(
                host: host, port: port, config: gatewayConfig, store: store, httpsProxy: UpstreamProxy(environment: environment)
            ), logger: logger)
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [app],
                gracefulShutdownSignals: [.sigterm, .sigint],
                cancellationSignals: [],
                logger: logger
            )
        )
        try await group.run()
    }

    /// Runs `body`; a failure prints `context` and the error and exits with status 1.
    static func orExit<T>(_ context: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            FileHandle.standardError.write(Data("\(context): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
