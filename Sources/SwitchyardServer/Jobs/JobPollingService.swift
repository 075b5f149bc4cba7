import Logging
import ServiceLifecycle
import SwitchyardCore

/// Polls the providers of running video and music jobs: every `job_poll_interval` seconds it
/// claims the jobs due (each job's own wait grows from 2 to 30 seconds) and advances them.
/// Stops at shutdown; a job it held is polled again when its lease lapses.
struct JobPollingService: Service {
    let gateway: Gateway
    let interval: Double
    let logger: Logger

    func run() async throws {
        try? await gateway.governance.ready.value
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            // Due jobs first, again at once while a full batch came back.
            while await gateway.jobs.pollDue(logger: logger) >= 16, !Task.isCancelled {}
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
            }
        }
    }
}
