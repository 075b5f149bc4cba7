/// What loading a config produced: the config when it is usable, and every problem found.
public struct ConfigLoadResult: Sendable {
    /// The loaded config; nil exactly when `problems` contains an error.
    public var config: GatewayConfig?
    /// Errors and warnings in document order.
    public var problems: [ConfigProblem]

    public init(config: GatewayConfig?, problems: [ConfigProblem]) {
        self.config = config
        self.problems = problems
    }

    /// The problems that make the config unusable.
    public var errors: [ConfigProblem] {
        problems.filter { $0.severity == .error }
    }

    /// The problems reported but tolerated.
    public var warnings: [ConfigProblem] {
        problems.filter { $0.severity == .warning }
    }
}
