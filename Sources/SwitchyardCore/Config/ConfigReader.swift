import Yams

/// Walks a composed YAML tree, reading typed values and recording every problem with its path.
///
/// Problems are kept with the document position of the node they concern and handed out in
/// document order, whatever order the sections were read in.
struct ConfigReader {
    /// The environment for `os.environ/NAME`, including the config's `environment_variables`.
    var environment: [String: String]
    /// The trust of deployments without `ssl_verify` (see `readDefaultTrust`).
    var defaultTrust: UpstreamTrust = .systemTrustStore
    /// Guardrail names written in `model_list`, checked against `guardrails` once both are read.
    var guardrailReferences: [GuardrailReference] = []
    /// The semantic cache's embedding model, checked against `model_list` once both are read.
    var semanticCacheModel: ModelReference?
    private var recorded: [(line: Int, column: Int, problem: ConfigProblem)] = []

    init(environment: [String: String]) {
        self.environment = environment
    }

    /// Every problem so far, in document order.
    var problems: [ConfigProblem] {
        recorded.enumerated()
            .sorted { lhs, rhs in
                let left = (lhs.element.line, lhs.element.column, lhs.offset)
                let right = (rhs.element.line, rhs.element.column, rhs.offset)
                return left < right
            }
            .map(\.element.problem)
    }

    mutating func error(_ path: ConfigPath, _ message: String, at node: Node?) {
        record(.error(path.description, message), at: node)
    }

    mutating func warning(_ path: ConfigPath, _ message: String, at node: Node?) {
        record(.warning(path.description, message), at: node)
    }

    private mutating func record(_ problem: ConfigProblem, at node: Node?) {
        let mark = node?.mark
        recorded.append((mark?.line ?? 0, mark?.column ?? 0, problem))
    }
}
