import Yams

/// A guardrail name written in a model's `litellm_params.guardrails`, checked against the
/// `guardrails` list once the whole document is read.
struct GuardrailReference {
    var name: String
    var node: Node
    var path: ConfigPath
}
