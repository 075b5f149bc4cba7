import Foundation
import Yams

/// Loads a LiteLLM proxy `config.yaml` into a `GatewayConfig`, reporting every problem with its path.
///
/// Never throws and never traps on bad input: unreadable files, YAML syntax errors and wrong
/// shapes all come back as problems.
public enum ConfigLoader {
    /// Loads a config from YAML text.
    ///
    /// `environment` is used for `os.environ/NAME` values and the providers' default key and
    /// base variables (`OPENAI_API_KEY`, `AZURE_API_BASE`, …); the process environment is
    /// never read here, so pass `ProcessInfo.processInfo.environment` to use it.
    public static func load(yaml: String, environment: [String: String]) -> ConfigLoadResult {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch {
            return ConfigLoadResult(config: nil, problems: [.error("", YAMLErrorDescription.message(for: error))])
        }
        guard let root, !root.isYAMLNull else {
            return ConfigLoadResult(config: nil, problems: [.error("", "the document is empty; expected a mapping with model_list")])
        }
        var reader = ConfigReader(environment: environment)
        let config = reader.readDocument(root)
        let problems = reader.problems
        let failed = problems.contains { $0.severity == .error }
        return ConfigLoadResult(config: failed ? nil : config, problems: problems)
    }

    /// Loads a config file; a file that cannot be read or is not UTF-8 is an error problem.
    public static func load(file path: String, environment: [String: String]) -> ConfigLoadResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ConfigLoadResult(config: nil, problems: [.error("", "cannot read \(path)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ConfigLoadResult(config: nil, problems: [.error("", "\(path) is not UTF-8 text")])
        }
        return load(yaml: text, environment: environment)
    }
}

extension ConfigLoader {
    /// Reads `model_list` entries given as JSON objects (what `/model/new` stores), with the
    /// config file's rules; problems name each entry as `model_list[N]`.
    public static func deployments(entries: [String], environment: [String: String]) -> (deployments: [Deployment], problems: [ConfigProblem]) {
        guard !entries.isEmpty else { return ([], []) }
        let result = load(yaml: #"{"model_list": ["# + entries.joined(separator: ",") + "]}", environment: environment)
        return (result.config?.deployments ?? [], result.problems)
    }
}
