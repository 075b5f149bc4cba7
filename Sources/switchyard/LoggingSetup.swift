import Foundation
import Logging

enum LoggingSetup {
    /// Bootstraps logging once for the process: stderr, the level from the flag or LOG_LEVEL.
    static func bootstrap(level: String?) -> Logger {
        let name = level ?? ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info"
        let resolved = Logger.Level(rawValue: name.lowercased()) ?? .info
        LoggingSystem.bootstrap { label in
            GatewayLogHandler(label: label, level: resolved)
        }
        var logger = Logger(label: "switchyard")
        logger.logLevel = resolved
        return logger
    }
}
