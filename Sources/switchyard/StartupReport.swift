import ArgumentParser
import Foundation
import Logging

/// What `serve` says before the gateway runs: config problems and refusals. As plain lines
/// on standard error, or, with JSON logs, as log events, so every line stays one JSON object.
struct StartupReport {
    let logger: Logger
    let json: Bool

    func problem(_ text: String, error: Bool) {
        guard json else {
            FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
            return
        }
        let message = Logger.Message(stringLiteral: text.trimmingCharacters(in: .newlines))
        if error { logger.error(message) } else { logger.warning(message) }
    }

    /// Runs `body`; a failure reports `context` and the error and exits with status 1.
    func orExit<T>(_ context: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            problem("\(context): \(error)", error: true)
            throw ExitCode(1)
        }
    }
}
