import Yams

extension ConfigReader {
    /// A deployment as read, with what the model_list pass needs to assign ids.
    struct ReadDeployment {
        var deployment: Deployment
        var idNode: Node?
        var idPath: ConfigPath
    }

    /// Reads one `model_list` entry; nil when it is too broken to serve (an error was recorded).
    mutating func readDeployment(_ node: Node, at path: ConfigPath) -> ReadDeployment? {
        guard let fields = entries(of: node, at: path, nullIsEmpty: false) else { return nil }
        var modelName: String?
        var params: ConfigEntry?
        var info: (info: ModelInfo, idNode: Node?) = (ModelInfo(), nil)
        for field in fields {
            switch field.key {
            case "model_name": modelName = requiredLiteral(field)
            case "litellm_params": params = field
            case "model_info": info = readModelInfo(field.value, at: field.path)
            default: warning(field.path, "unknown key, ignored", at: field.keyNode)
            }
        }
        if !fields.contains(where: { $0.key == "model_name" }) {
            error(path, "missing model_name", at: node)
        }
        guard let params else {
            error(path, "missing litellm_params", at: node)
            return nil
        }
        guard let modelName, var deployment = readParams(params, modelName: modelName) else { return nil }
        deployment.modelInfo = info.info.filling(from: deployment.modelInfo)
        if let listed = PriceTable.modelInfo(for: info.info.baseModel ?? deployment.upstreamModel) {
            deployment.modelInfo = deployment.modelInfo.filling(from: listed)
        }
        deployment.id = info.info.id ?? deployment.litellmModel
        return ReadDeployment(deployment: deployment, idNode: info.idNode, idPath: path.key("model_info").key("id"))
    }

    /// A required string written literally (a model name is never read from the environment).
    private mutating func requiredLiteral(_ entry: ConfigEntry) -> String? {
        if entry.value.isYAMLNull {
            error(entry.path, "expected a string", at: entry.value)
            return nil
        }
        guard let text = literal(entry.value, at: entry.path) else { return nil }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            error(entry.path, "must not be empty", at: entry.value)
            return nil
        }
        return text
    }

    /// Reads `litellm_params`; its cost keys land in the returned deployment's `modelInfo`.
    private mutating func readParams(_ params: ConfigEntry, modelName: String) -> Deployment? {
        guard let fields = entries(of: params.value, at: params.path, nullIsEmpty: false) else { return nil }
        guard let modelEntry = fields.first(where: { $0.key == "model" }) else {
            error(params.path, "missing model", at: params.value)
            return nil
        }
        guard let model = requiredLiteral(modelEntry) else { return nil }
        // An unknown provider is an error, but the other fields are still checked so that
        // every problem is reported in one pass.
        let parsed = readProvider(model, entry: modelEntry, modelName: modelName, fields: fields)
        let (provider, upstream) = parsed ?? (.openai, model)

        var deployment = Deployment(
            modelName: modelName, provider: provider, upstreamModel: upstream, litellmModel: model, tlsTrust: defaultTrust
        )
        var costs = ModelInfo()
        var givenBase: (value: String, node: Node)?
        var keyWritten = false
        for field in fields where field.key != "model" {
            if readCost(field, into: &costs) { continue }
            let (value, path) = (field.value, field.path)
            switch field.key {
            case "api_base": givenBase = string(value, at: path).map { ($0, value) }
            case "api_key":
                keyWritten = true
                deployment.apiKey = string(value, at: path)
            case "api_version": deployment.apiVersion = string(value, at: path)
            case "organization": deployment.organization = string(value, at: path)
            case "rpm": deployment.rpm = integer(value, at: path)
            case "tpm": deployment.tpm = integer(value, at: path)
            case "weight": deployment.weight = number(value, at: path, .positive) ?? 1
            case "order": deployment.order = integer(value, at: path)
            case "timeout": deployment.timeout = number(value, at: path, .positive)
            case "stream_timeout": deployment.streamTimeout = number(value, at: path, .positive)
            case "max_retries": deployment.maxRetries = integer(value, at: path)
            case "extra_headers": deployment.extraHeaders = stringMap(value, at: path) ?? [:]
            case "additional_drop_params": deployment.additionalDropParams = stringList(value, at: path) ?? []
            case "drop_params": deployment.dropParams = bool(value, at: path)
            case "ssl_verify": deployment.tlsTrust = trust(sslVerify: field) ?? deployment.tlsTrust
            case "guardrails":
                let names = stringItems(value, at: path) ?? []
                deployment.guardrails = names.map(\.value)
                guardrailReferences += names.map { GuardrailReference(name: $0.value, node: $0.node, path: $0.path) }
            default:
                if let json = json(value, at: path) { deployment.extraParams[field.key] = json }
                if !ConfigKeys.providerParams.contains(field.key) {
                    reportIgnored(field, notSupportedYet: ConfigKeys.paramsNotSupportedYet)
                }
            }
        }
        deployment.modelInfo = costs
        guard parsed != nil else {
            if let givenBase, Self.normalizedURL(givenBase.value, for: .openai) == nil {
                error(params.path.key("api_base"), "not a URL", at: givenBase.node)
            }
            return nil
        }
        resolveEndpoint(of: &deployment, givenBase: givenBase, keyWritten: keyWritten, params: params)
        return deployment
    }
}
