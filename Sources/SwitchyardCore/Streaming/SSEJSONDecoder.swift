import Foundation
import NIOCore

/// Splits a byte stream into server-sent events and decodes each event's data as JSON.
///
/// Events with no data, comments and `[DONE]` are skipped; `sawDone` tells whether the
/// terminator went by.
public struct SSEJSONDecoder<Event: Decodable & Sendable>: Sendable {
    private var splitter = SSEEventSplitter()
    private var pending: [UInt8] = []
    public private(set) var sawDone = false

    public init() {}

    public mutating func decode(_ bytes: ByteBuffer) throws -> [Event] {
        let start = pending.count
        pending.append(contentsOf: bytes.readableBytesView)
        var splitter = self.splitter
        let ends = pending.withUnsafeBytes { raw in
            splitter.boundaries(in: UnsafeRawBufferPointer(rebasing: raw[start...])).map { $0 + start }
        }
        self.splitter = splitter
        var events: [Event] = []
        var eventStart = 0
        for end in ends {
            if let event = try event(in: eventStart..<end) { events.append(event) }
            eventStart = end
        }
        pending.removeFirst(eventStart)
        return events
    }

    /// A last event with no blank line after it.
    public mutating func finish() throws -> [Event] {
        defer { pending.removeAll() }
        guard !pending.isEmpty else { return [] }
        return try event(in: 0..<pending.count).map { [$0] } ?? []
    }

    private mutating func event(in range: Range<Int>) throws -> Event? {
        let payload = pending.withUnsafeBytes { raw in SSEData.payload(of: UnsafeRawBufferPointer(rebasing: raw[range])) }
        guard let payload, !payload.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D }) else { return nil }
        if payload == Array("[DONE]".utf8) {
            sawDone = true
            return nil
        }
        do {
            return try JSONDecoder().decode(Event.self, from: Data(payload))
        } catch {
            throw GatewayError(.upstreamUnavailable, "The upstream sent a stream event the gateway could not read: \(error).", code: "bad_upstream_stream")
        }
    }
}
