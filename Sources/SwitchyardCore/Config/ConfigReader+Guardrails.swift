import Yams

extension ConfigReader {
    /// Reads the top-level `guardrails` list; names must be unique.
    mutating func readGuardrails(_ node: Node, at path: ConfigPath) -> [GuardrailDefinition] {
        guard let items = items(of: node, at: path) else { return [] }
        var owners: [String: ConfigPath] = [:]
        var guardrails: [GuardrailDefinition] = []
        for item in items {
            guard let (guardrail, nameNode) = readGuardrail(item.node, at: item.path) else { continue }
            if let owner = owners[guardrail.name] {
                error(item.path.key("guardrail_name"), "duplicate guardrail_name \"\(guardrail.name)\" (also used at \(owner))", at: nameNode)
                continue
            }
            owners[guardrail.name] = item.path
            guardrails.append(guardrail)
        }
        return guardrails
    }

    /// A model that names a guardrail the config does not define would run unguarded: an error.
    mutating func checkGuardrailReferences(_ config: GatewayConfig) {
        let defined = Set(config.guardrails.map(\.name))
        for reference in guardrailReferences where !defined.contains(reference.name) {
            error(reference.path, "guardrail \(reference.name) is not defined in guardrails", at: reference.node)
        }
        let models = Set(config.deployments.map(\.modelName))
        for (index, guardrail) in config.guardrails.enumerated() {
            if let model = guardrail.moderationModel, !models.contains(model) {
                error(ConfigPath.root.key("guardrails").index(index).key("litellm_params").key("moderation_model"), "\(model) is not a model_name in model_list", at: nil)
            }
        }
    }

    private mutating func readGuardrail(_ node: Node, at path: ConfigPath) -> (GuardrailDefinition, Node)? {
        guard let fields = entries(of: node, at: path, nullIsEmpty: false) else { return nil }
        var name: (value: String, node: Node)?
        var params: ConfigEntry?
        for field in fields {
            switch field.key {
            case "guardrail_name":
                if let text = literal(field.value, at: field.path), !text.trimmingCharacters(in: .whitespaces).isEmpty {
                    name = (text, field.value)
                } else {
                    error(field.path, "must not be empty", at: field.value)
                }
            case "litellm_params": params = field
            case "guardrail_info": break  // descriptive only, as in LiteLLM's UI
            default: warning(field.path, "unknown key, ignored", at: field.keyNode)
            }
        }
        if !fields.contains(where: { $0.key == "guardrail_name" }) {
            error(path, "missing guardrail_name", at: node)
        }
        guard let params else {
            error(path, "missing litellm_params", at: node)
            return nil
        }
        guard let guardrail = readGuardrailParams(params, name: name?.value ?? ""), let name else { return nil }
        return (guardrail, name.node)
    }

    private mutating func readGuardrailParams(_ params: ConfigEntry, name: String) -> GuardrailDefinition? {
        guard let fields = entries(of: params.value, at: params.path, nullIsEmpty: false) else { return nil }
        guard let kindEntry = fields.first(where: { $0.key == "guardrail" }) else {
            error(params.path, "missing guardrail (one of \(Self.kindNames))", at: params.value)
            return nil
        }
        let kindText = literal(kindEntry.value, at: kindEntry.path) ?? ""
        guard let kind = GuardrailKind(rawValue: kindText) else {
            error(kindEntry.path, "unknown guardrail \"\(kindText)\" (expected one of \(Self.kindNames))", at: kindEntry.value)
            return nil
        }
        var guardrail = GuardrailDefinition(name: name, kind: kind)
        for field in fields where field.key != "guardrail" {
            let (value, path) = (field.value, field.path)
            switch field.key {
            case "mode": guardrail.modes = readModes(value, at: path)
            case "default_on": guardrail.defaultOn = bool(value, at: path) ?? false
            case "action":
                let text = string(value, at: path) ?? "block"
                if let action = GuardrailAction(rawValue: text) {
                    guardrail.action = action
                } else {
                    error(path, "unknown action \"\(text)\" (expected block or mask)", at: value)
                }
            case "allow_request_override": guardrail.allowRequestOverride = bool(value, at: path) ?? true
            case "blocked_words": guardrail.blockedWords = stringList(value, at: path) ?? []
            case "blocked_patterns": guardrail.blockedPatterns = readPatterns(value, at: path)
            case "categories", "entities": guardrail.categories = readCategories(value, at: path, kind: kind)
            case "moderation_model": guardrail.moderationModel = string(value, at: path)
            default:
                if kind == .presidio, readPresidioParam(field, into: &guardrail.presidio) { continue }
                if let json = json(value, at: path) { guardrail.extra[field.key] = json }
                warning(path, "unknown key, ignored", at: field.keyNode)
            }
        }
        checkCombination(&guardrail, params: params)
        return guardrail
    }

    /// What each kind needs beyond its type: a model, a server, something to look for.
    private mutating func checkCombination(_ guardrail: inout GuardrailDefinition, params: ConfigEntry) {
        let path = params.path
        switch guardrail.kind {
        case .moderation where guardrail.moderationModel == nil:
            error(path, "moderation needs moderation_model (a model_name from model_list)", at: params.value)
        case .presidio:
            checkPresidio(&guardrail, params: params)
        case .contentFilter where guardrail.blockedWords.isEmpty && guardrail.blockedPatterns.isEmpty:
            warning(path, "content_filter has no blocked_words or blocked_patterns; it finds nothing", at: params.value)
        default:
            break
        }
        // What the gateway cannot run yet is refused at load: a guardrail that silently does
        // not run would let through what its owner meant to stop.
        if guardrail.kind == .moderation, guardrail.modes.contains(.postCall) {
            error(path.key("mode"), "moderation runs on requests (pre_call, during_call), not post_call", at: params.value)
        }
        if guardrail.action == .mask, guardrail.modes.contains(.postCall) {
            error(path.key("action"), "post_call guardrails block: an answer already streaming cannot be masked (mask applies pre_call)", at: params.value)
        }
        if guardrail.action == .mask, guardrail.kind == .promptInjection || guardrail.kind == .moderation {
            error(path.key("action"), "\(guardrail.kind.rawValue) cannot mask; use block", at: params.value)
        }
    }

    /// `mode: pre_call` or `mode: [pre_call, post_call]`.
    private mutating func readModes(_ node: Node, at path: ConfigPath) -> Set<GuardrailMode> {
        let written: [(value: String, node: Node, path: ConfigPath)]
        if case .sequence = node {
            written = stringItems(node, at: path) ?? []
        } else if let text = string(node, at: path) {
            written = [(text, node, path)]
        } else {
            written = []
        }
        var modes: Set<GuardrailMode> = []
        for item in written {
            if let mode = GuardrailMode(rawValue: item.value) {
                modes.insert(mode)
            } else {
                error(item.path, "unknown mode \"\(item.value)\" (expected pre_call, post_call or during_call)", at: item.node)
            }
        }
        return modes.isEmpty ? [.preCall] : modes
    }

    /// `blocked_patterns`, each compiled now so that a bad regex stops the load, not a request.
    private mutating func readPatterns(_ node: Node, at path: ConfigPath) -> [GuardrailPattern] {
        (stringItems(node, at: path) ?? []).compactMap { item in
            do {
                return try GuardrailPattern(item.value)
            } catch {
                self.error(item.path, "not a valid regular expression", at: item.node)
                return nil
            }
        }
    }

    private mutating func readCategories(_ node: Node, at path: ConfigPath, kind: GuardrailKind) -> Set<GuardrailCategory>? {
        let allowed: [GuardrailCategory] = kind == .pii ? GuardrailCategory.pii : kind == .secrets ? GuardrailCategory.secrets : []
        guard !allowed.isEmpty else {
            warning(path, "only pii and secrets have categories; ignored", at: node)
            return nil
        }
        var categories: Set<GuardrailCategory> = []
        for item in stringItems(node, at: path) ?? [] {
            if let category = GuardrailCategory(configName: item.value), allowed.contains(category) {
                categories.insert(category)
            } else {
                let names = allowed.map(\.rawValue).joined(separator: ", ")
                error(item.path, "unknown \(kind.rawValue) category \"\(item.value)\" (expected one of \(names))", at: item.node)
            }
        }
        return categories
    }

    private static let kindNames = GuardrailKind.allCases.map(\.rawValue).joined(separator: ", ")
}
