import ArgumentParser
import Foundation
import SwitchyardCore

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a config file and print every problem with its path."
    )

    @Argument(help: "The config.yaml to check.")
    var file: String

    func run() throws {
        let result = ConfigLoader.load(file: file, environment: ProcessInfo.processInfo.environment)
        for problem in result.problems {
            print("\(problem.severity.rawValue): \(problem.description)")
        }
        if !result.errors.isEmpty {
            print("\(file): \(result.errors.count) error(s), \(result.warnings.count) warning(s)")
            throw ExitCode(1)
        }
        let models = result.config?.deployments.count ?? 0
        print("\(file): OK (\(models) deployment(s), \(result.warnings.count) warning(s))")
    }
}
