/// How `FakeAnthropicUpstream` or `FakeGeminiUpstream` answers one request, in that
/// provider's own wire format.
///
/// Both fakes share these cases so a test reads the same whichever provider it drives; what a
/// case looks like on the wire (event names, error envelopes) is each fake's business.
enum FakeProviderBehavior: Sendable {
    /// Replies `"<Provider> heard: <the last user turn's text>"`, one word a streamed event, so a
    /// test sees that the client's text reached the provider and the reply came back.
    case echo
    /// Replies these pieces joined (give later words a leading space), one piece a streamed event.
    case text([String])
    /// Calls one tool with these arguments (a JSON object, written as the provider sends it).
    case toolCall(name: String, argumentsJSON: String)
    /// Fails with this HTTP status in the provider's error envelope. `type` is Anthropic's
    /// `error.type` or Google's `error.status`; nil takes the one the provider documents for
    /// the status.
    case error(status: Int, message: String = "fake failure", type: String? = nil, retryAfter: Int? = nil)
    /// Starts a text stream, sends one word, then the provider's in-stream error event.
    case midStreamError(status: Int, message: String = "fake failure mid-stream")
    /// Never answers.
    case hang
    /// Sends the stream's head and first event, then goes silent.
    case stallAfterFirstEvent
    /// The n-th request gets the n-th behaviour; the last one repeats.
    indirect case sequence([FakeProviderBehavior])

    /// The output tokens a tool call reports (text replies count one a piece).
    static let toolCallOutputTokens = 10

    /// The behaviour for the request numbered `number` (from 0), sequences unwound.
    func resolved(number: Int) -> FakeProviderBehavior {
        guard case .sequence(let list) = self else { return self }
        guard let last = list.last else { return .echo }
        return (number < list.count ? list[number] : last).resolved(number: number)
    }

    /// The pieces of an echo reply: words, each after the first with its leading space.
    static func echoPieces(provider: String, heard: String) -> [String] {
        let words = "\(provider) heard: \(heard)".split(whereSeparator: \.isWhitespace)
        return words.enumerated().map { $0.offset == 0 ? String($0.element) : " " + $0.element }
    }
}
