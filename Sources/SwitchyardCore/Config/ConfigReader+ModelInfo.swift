import Yams

extension ConfigReader {
    /// Reads `model_info`; the id's node is returned too, for duplicate-id errors.
    mutating func readModelInfo(_ node: Node, at path: ConfigPath) -> (info: ModelInfo, idNode: Node?) {
        var info = ModelInfo()
        var idNode: Node?
        for entry in entries(of: node, at: path) ?? [] {
            if readCost(entry, into: &info) { continue }
            switch entry.key {
            case "id":
                info.id = string(entry.value, at: entry.path)
                idNode = entry.value
            case "max_tokens": info.maxTokens = integer(entry.value, at: entry.path)
            case "max_input_tokens": info.maxInputTokens = integer(entry.value, at: entry.path)
            case "max_output_tokens": info.maxOutputTokens = integer(entry.value, at: entry.path)
            case "mode": info.mode = string(entry.value, at: entry.path)
            case "base_model": info.baseModel = string(entry.value, at: entry.path)
            case "billing_multiplier": info.billingMultiplier = positiveNumber(entry.value, at: entry.path) ?? 1
            case "batch_discount":
                let discount = positiveNumber(entry.value, at: entry.path) ?? 1
                if discount > 1 { error(entry.path, "must be at most 1 (the share of the price a batch line pays)", at: entry.value) }
                info.batchDiscount = min(discount, 1)
            default:
                if let value = json(entry.value, at: entry.path) { info.extra[entry.key] = value }
                if entry.key.hasPrefix("supports_") || ConfigKeys.modelInfoDescriptive.contains(entry.key) {
                    continue
                }
                reportIgnored(entry, notSupportedYet: ConfigKeys.modelInfoNotSupportedYet)
            }
        }
        return (info, idNode)
    }

    /// Reads one cost key into `info`; false when `entry` is not a cost key.
    ///
    /// Used for `model_info` and for `litellm_params`, where LiteLLM allows costs too.
    mutating func readCost(_ entry: ConfigEntry, into info: inout ModelInfo) -> Bool {
        if entry.key.hasPrefix(UnitPrices.videoResolutionKeyPrefix) {
            let band = String(entry.key.dropFirst(UnitPrices.videoResolutionKeyPrefix.count)).lowercased()
            if let value = number(entry.value, at: entry.path, .nonNegative) { info.unitPrices.videoPerSecondByResolution[band] = value }
            return true
        }
        guard ConfigKeys.costKeys.contains(entry.key) else { return false }
        if entry.key == "output_cost_per_image" {
            info.unitPrices.outputCostPerImage = readImagePrice(entry)
            return true
        }
        let value = number(entry.value, at: entry.path, .nonNegative)
        if let unit = UnitPrices.keys[entry.key] {
            info.unitPrices[keyPath: unit] = value
            return true
        }
        switch entry.key {
        case "input_cost_per_token": info.inputCostPerToken = value
        case "output_cost_per_token": info.outputCostPerToken = value
        case "cache_read_input_token_cost": info.cacheReadInputTokenCost = value
        default: info.cacheCreationInputTokenCost = value
        }
        return true
    }

    /// `output_cost_per_image`: a number, or a mapping from `quality/size`, `size`, `quality`
    /// or `default` to a number.
    private mutating func readImagePrice(_ entry: ConfigEntry) -> ImagePrice? {
        guard case .mapping = entry.value else {
            return number(entry.value, at: entry.path, .nonNegative).map(ImagePrice.flat)
        }
        var prices: [String: Double] = [:]
        for item in entries(of: entry.value, at: entry.path) ?? [] {
            if let price = number(item.value, at: item.path, .nonNegative) { prices[item.key.lowercased()] = price }
        }
        return prices.isEmpty ? nil : .table(prices)
    }
}
