/// One thing wrong with a config file, located by its path in the document.
///
/// `description` is what `check-config` prints: `model_list[2].litellm_params.api_base: not a URL`.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    /// Errors stop the gateway from starting; warnings are reported and the load goes on.
    public enum Severity: String, Sendable {
        case error, warning
    }

    public var severity: Severity
    /// Where the problem is: `model_list[2].litellm_params.api_base`, or `""` for the document itself.
    public var path: String
    /// What is wrong, in lower case without a trailing period: `not a URL`.
    public var message: String

    public init(severity: Severity, path: String, message: String) {
        self.severity = severity
        self.path = path
        self.message = message
    }

    /// An error at `path`.
    public static func error(_ path: String, _ message: String) -> ConfigProblem {
        ConfigProblem(severity: .error, path: path, message: message)
    }

    /// A warning at `path`.
    public static func warning(_ path: String, _ message: String) -> ConfigProblem {
        ConfigProblem(severity: .warning, path: path, message: message)
    }

    /// `path: message`, or just the message for the document root.
    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}
