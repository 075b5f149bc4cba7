import Foundation
import Logging
import SwitchyardCore

enum LoggingSetup {
    /// Bootstraps logging once for the process: stderr, the level from the flag or LOG_LEVEL,
    /// JSON lines when `json` is set or the environment's `JSON_LOGS` is true (LiteLLM's name).
    static func bootstrap(level: String?, json: Bool = false) -> Logger {
        let environment = ProcessInfo.processInfo.environment
        let name = level ?? environment["LOG_LEVEL"] ?? "info"
        let resolved = Logger.Level(rawValue: name.lowercased()) ?? .info
        let format: GatewayLogHandler.Format = json || isTrue(environment["JSON_LOGS"]) ? .json : .text
        LoggingSystem.bootstrap { label in
            GatewayLogHandler(label: label, level: resolved, format: format)
        }
        var logger = Logger(label: "switchyard")
        logger.logLevel = resolved
        return logger
    }

    static func isTrue(_ value: String?) -> Bool {
        guard let value else { return false }
        return ["true", "1", "yes", "on"].contains(value.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
