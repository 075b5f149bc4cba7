/// Holds a streamed answer back by a window of text so that what a guardrail would stop never
/// reaches the client: an event is released only once the text after it in every channel it
/// wrote to is at least `window` characters long, or the stream has ended; each new piece of
/// text is scanned together with the `window` characters before it.
///
/// Findings longer than the window can be stopped only after their start was released; the
/// detectors' patterns (cards, keys, emails, phrases) are far shorter than the default.
public struct GuardrailStreamWindow<Event: Sendable>: Sendable {
    public enum Action: Sendable {
        /// Events the client may have now, in order (maybe none).
        case release([Event])
        /// A guardrail found something: end the stream without the held events.
        case blocked(guardrail: String, category: GuardrailCategory)
    }

    private struct Held: Sendable {
        var event: Event
        /// The length each channel had after this event.
        var ends: [String: Int]
    }

    /// What the stream wrote to one channel: its length so far, and its last `window`
    /// characters (all a scan of the next text needs).
    private struct Channel: Sendable {
        var length = 0
        var tail: [Character] = []
    }

    private let check: GuardrailCheck
    public let window: Int
    private var channels: [String: Channel] = [:]
    private var held: [Held] = []

    public init(_ guardrails: [GuardrailDefinition], window: Int = 256) {
        self.check = GuardrailCheck(guardrails)
        self.window = window
    }

    /// Takes one event and the text it adds; answers what may go out now.
    public mutating func append(_ event: Event, deltas: [GuardrailStreamDeltas.Delta]) -> Action {
        var ends: [String: Int] = [:]
        for delta in deltas {
            var channel = channels[delta.channel, default: Channel()]
            let added = Array(delta.text)
            // The new text with the window before it: whatever it completes is in view.
            let text = GuardrailText(path: JSONPath(), text: String(channel.tail + added), role: .message)
            if case .blocked(let guardrail, let category) = check.run([text]) {
                return .blocked(guardrail: guardrail, category: category)
            }
            channel.length += added.count
            channel.tail = Array((channel.tail + added).suffix(window))
            channels[delta.channel] = channel
            ends[delta.channel] = channel.length
        }
        held.append(Held(event: event, ends: ends))
        return .release(releasable())
    }

    /// The stream ended: whatever is held goes out (it was all scanned as it came).
    public mutating func finish() -> [Event] {
        defer { held.removeAll() }
        return held.map(\.event)
    }

    /// The held events at the front whose text is followed by a full window in each channel.
    private mutating func releasable() -> [Event] {
        var count = 0
        for entry in held {
            let settled = entry.ends.allSatisfy { channel, end in (channels[channel]?.length ?? 0) - end >= window }
            guard settled else { break }
            count += 1
        }
        defer { held.removeFirst(count) }
        return held.prefix(count).map(\.event)
    }
}
