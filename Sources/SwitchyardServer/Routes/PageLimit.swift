import SwitchyardCore

/// The `limit` query parameter of a list route, as OpenAI's lists take it.
enum PageLimit {
    /// `fallback` when absent, else an integer from 1 to `maximum`; a 400 naming it otherwise.
    static func parse(_ text: String?, fallback: Int = 20, maximum: Int = 100) throws(GatewayError) -> Int {
        guard let text else { return fallback }
        guard let limit = Int(text), (1...maximum).contains(limit) else {
            throw GatewayError.invalidRequest("'limit' must be an integer from 1 to \(maximum).", param: "limit")
        }
        return limit
    }
}
