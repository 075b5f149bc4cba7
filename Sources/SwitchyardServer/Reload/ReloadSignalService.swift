import ServiceLifecycle
import UnixSignals

/// Reloads the config on every `SIGHUP`, as nginx and most daemons do, until the gateway shuts
/// down. Without it a SIGHUP would end the process.
struct ReloadSignalService: Service {
    let reloader: ConfigReloader

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        try await cancelWhenGracefulShutdown {
            for await _ in signals {
                _ = reloader.reload(trigger: "SIGHUP")
            }
        }
    }
}
