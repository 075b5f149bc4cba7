/// Why a response stopped before it was done (`incomplete_details`).
public struct ResponseIncompleteDetails: Sendable, Hashable, Codable {
    /// `max_output_tokens` or `content_filter`.
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}
