import HTTPTypes
import Hummingbird
import SwitchyardCore

extension HTTPField.Name {
    static let switchyardTags = HTTPField.Name("x-switchyard-tags")!
}

extension Gateway {
    /// Admits a proxied request for `model` (model access, budget, rate and parallel limits)
    /// and opens its account; throws the 401/402/403/429 to send instead.
    ///
    /// The budget hold is the request's likely cost: its body as prompt tokens and
    /// `maxTokens` (or a default) as output, at the group's first deployment's prices.
    func meter(_ request: Request, context: GatewayRequestContext, model: String, bodyBytes: Int, maxTokens: Int? = nil, callType: String) throws -> RequestMeter {
        let registry = registry
        return try governance.meter(
            identity: context.identity,
            model: model,
            estimate: CostCalculator.estimate(
                bodyBytes: bodyBytes,
                maxTokens: maxTokens,
                modelInfo: registry.resolve(model)?.candidates.first?.deployment.modelInfo ?? ModelInfo()
            ),
            callType: callType,
            requestID: context.requestID,
            tags: Self.tags(request)
        )
    }

    /// `x-switchyard-tags: a,b`: trimmed, non-empty, at most 32.
    static func tags(_ request: Request) -> [String] {
        guard let header = request.headers[.switchyardTags] else { return [] }
        return header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.prefix(32).map { $0 }
    }
}
