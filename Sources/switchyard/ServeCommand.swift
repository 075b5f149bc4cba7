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
        let environment = ProcessInfo.processInfo.environment
        // The config decides the log format, so it is read before logging starts; its
        // problems are logged once the format is known.
        let path = config ?? environment["SWITCHYARD_CONFIG"]
        let loaded = path.flatMap { $0.isEmpty ? nil : ConfigLoader.load(file: $0, environment: environment) }
        let jsonLogs = loaded?.config.map { $0.general.jsonLogs || $0.litellm.jsonLogs } ?? false
        let logger = LoggingSetup.bootstrap(level: logLevel, json: jsonLogs)
        let report = StartupReport(logger: logger, json: jsonLogs || LoggingSetup.isTrue(environment["JSON_LOGS"]))
        EventLoopConcurrency.install(environment: environment)
        let gatewayConfig: GatewayConfig
        if let path, let result = loaded {
            for problem in result.problems {
                report.problem("\(path): \(problem.severity.rawValue): \(problem.description)", error: problem.severity == .error)
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
            report.problem("""
                Refusing to listen on \(host) with no master key: anyone who can reach it could use your providers.
                Set general_settings.master_key in the config, listen on 127.0.0.1, or pass --insecure-no-auth.

                """, error: true)
            throw ExitCode(1)
        }
        guard let store = StoreLocation(databaseURL: gatewayConfig.general.databaseURL) else {
            report.problem("general_settings.database_url: use postgres://…, postgresql://… or sqlite:PATH", error: true)
            throw ExitCode(1)
        }
        if case .sqlite(let path) = store { logger.notice("keys, spend and logs are stored in the SQLite file \(path)") }
        let app = try report.orExit("cannot start") {
            try buildApplication(GatewayOptions(
                host: host, port: port, config: gatewayConfig, store: store, httpsProxy: UpstreamProxy(environment: environment),
                configSource: configSource(path: loaded == nil ? nil : path)
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

    /// Reads the config file again, with the environment as it is then (`SIGHUP`).
    private func configSource(path: String?) -> (@Sendable () -> ConfigLoadResult)? {
        guard let path else { return nil }
        return { ConfigLoader.load(file: path, environment: ProcessInfo.processInfo.environment) }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
