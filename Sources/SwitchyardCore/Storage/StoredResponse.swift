/// One stored response of the Responses API: what the request sent and what the model answered.
///
/// The JSON texts are kept as the gateway wrote them, byte for byte: `GET /v1/responses/{id}`
/// hands `response` back unchanged, so stores keep them as text, never re-encoded.
public struct StoredResponse: Sendable, Hashable {
    /// `resp_…`, as the gateway issued it.
    public var id: String
    /// The token hash of the virtual key that made it; `master` for the master key, `open`
    /// on a gateway without auth.
    public var ownerKeyHash: String
    /// The key's team: its members may read the response too.
    public var teamID: String?
    /// The response this one continued, as the request's `previous_response_id` named it.
    public var previousResponseID: String?
    /// The model group the client asked for.
    public var model: String
    /// Unix seconds.
    public var createdAt: Double
    /// This request's input items, a JSON array (each item with an `id`).
    public var inputItems: String
    /// The whole response object as answered, a JSON object; its `output` holds the output items.
    public var response: String

    public init(
        id: String,
        ownerKeyHash: String,
        teamID: String? = nil,
        previousResponseID: String? = nil,
        model: String,
        createdAt: Double,
        inputItems: String,
        response: String
    ) {
        self.id = id
        self.ownerKeyHash = ownerKeyHash
        self.teamID = teamID
        self.previousResponseID = previousResponseID
        self.model = model
        self.createdAt = createdAt
        self.inputItems = inputItems
        self.response = response
    }
}
