import NIOCore

/// Finds the event that ends a Responses API stream (`response.completed`,
/// `response.incomplete` or `response.failed`) in complete events relayed as they came, and
/// reads the response object it carries: the gateway stores that object before the event
/// reaches the client.
public enum ResponsesTerminalEvent {
    public static let types: Set<String> = ["response.completed", "response.incomplete", "response.failed"]
    private static let needles = types.map { Array($0.utf8) }

    /// Where the terminal event starts in `events` (complete SSE events), and the JSON of the
    /// response it carries; nil when `events` holds none.
    public static func find(in events: ByteBuffer) -> (offset: Int, response: [UInt8])? {
        events.withUnsafeReadableBytes { raw -> (offset: Int, response: [UInt8])? in
            // Most events are deltas: look for a terminal type's name before splitting events.
            guard needles.contains(where: { OpenAIStreamRelay.contains(raw, $0) }) else { return nil }
            var splitter = SSEEventSplitter()
            var start = 0
            for end in splitter.boundaries(in: raw) {
                defer { start = end }
                let event = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                guard let payload = SSEData.payload(of: event), let response = response(inPayload: payload) else { continue }
                return (start, response)
            }
            return nil
        }
    }

    /// The `response` member of a terminal event's data.
    static func response(inPayload payload: [UInt8]) -> [UInt8]? {
        payload.withUnsafeBytes { data -> [UInt8]? in
            guard let index = try? JSONScanner.indexObject(data), let type = index.string("type", in: data), types.contains(type),
                let member = index.member("response"), member.kind == .object
            else { return nil }
            return Array(data[member.valueRange])
        }
    }
}
