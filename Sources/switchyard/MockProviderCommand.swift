import ArgumentParser
import Foundation
import ServiceLifecycle
import SwitchyardServer

struct MockProviderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock-provider",
        abstract: "Run the built-in fake upstream as a standalone server (OpenAI wire format)."
    )

    @Option(name: .long, help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on.")
    var port: Int = 4010

    @Option(name: .customLong("chunk-delay-ms"), help: "Milliseconds between streamed events.")
    var chunkDelay: Int = 0

    @Option(name: .long, help: "Log level (or set LOG_LEVEL).")
    var logLevel: String?

    func run() async throws {
        let logger = LoggingSetup.bootstrap(level: logLevel)
        EventLoopConcurrency.install(environment: ProcessInfo.processInfo.environment)
        let app = buildMockProviderApplication(host: host, port: port, chunkDelayMilliseconds: chunkDelay, logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger)
        )
        try await group.run()
    }
}
