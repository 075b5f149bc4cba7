/// One server-sent event of a streamed response: its payload and its place in the stream.
///
/// `sequence_number` counts every event of a stream from 0, so a client can tell a gap.
public struct ResponseStreamEvent: Sendable, Hashable {
    public var sequenceNumber: Int
    public var payload: ResponseStreamPayload

    public init(sequenceNumber: Int, payload: ResponseStreamPayload) {
        self.sequenceNumber = sequenceNumber
        self.payload = payload
    }

    /// The event's `type`, which is also its SSE `event:` name.
    public var type: String { payload.type }
}

extension ResponseStreamEvent: Codable {
    private enum CodingKeys: String, CodingKey {
        case sequenceNumber = "sequence_number"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sequenceNumber = try container.decodeIfPresent(Int.self, forKey: .sequenceNumber) ?? 0
        payload = try ResponseStreamPayload(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        if case .other(let value) = payload {
            // A kept-whole event is one JSON value; the number goes inside it.
            var object = value.objectValue ?? [:]
            object["sequence_number"] = .number(Double(sequenceNumber))
            try JSONValue.object(object).encode(to: encoder)
            return
        }
        try payload.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sequenceNumber, forKey: .sequenceNumber)
    }
}
