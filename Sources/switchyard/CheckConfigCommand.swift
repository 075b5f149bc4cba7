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
        // Unpriced models are not a loading problem (serve stays quiet about them), but an
        // operator checking a config with budgets in mind wants to know.
        let problems = result.problems + (result.config?.pricingWarnings ?? [])
        for problem in problems {
            print("\(problem.severity.rawValue): \(problem.description)")
        }
        let warnings = problems.filter { $0.severity == .warning }.count
        if !result.errors.isEmpty {
            print("\(file): \(result.errors.count) error(s), \(warnings) warning(s)")
            throw ExitCode(1)
        }
        let models = result.config?.deployments.count ?? 0
        print("\(file): OK (\(models) deployment(s), \(warnings) warning(s))")
    }
}
