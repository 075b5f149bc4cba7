import Hummingbird
import NIOCore
import SwitchyardCore

/// Passes on an audio answer (speech) in the upstream's content type: a short one whole, a
/// longer one as it arrives, so playback can start before the upstream has finished. A
/// request with `stream_format: "sse"` is answered in OpenAI's speech events
/// (`speech.audio.delta`, `speech.audio.done`) as `text/event-stream`, passed on the same way.
struct AudioRelay: Sendable {
    /// Held before the answer starts going out: enough to see that it is audio at all.
    static let heldBytes = 64 * 1024

    let gateway: Gateway
    let candidate: RouteTarget.Candidate
    let meter: RequestMeter
    let request: OperationRequest

    /// - Parameter events: the client asked for speech events (`stream_format: "sse"`), so
    ///   `text/event-stream` is a success too.
    /// - Throws: a 502 when the upstream's success is not audio (an empty body, HTML, JSON).
    func relay(_ answer: UpstreamExchange, provider: String, events: Bool = false) throws(GatewayError) -> ProxiedAnswer {
        let usage = request.spokenCharacters
        let contentType = answer.contentType ?? "application/octet-stream"
        let lowered = contentType.lowercased()
        guard answer.body.readableBytes > 0 else { throw UpstreamFailure.invalidAnswer("an empty body instead of audio", provider: provider) }
        let isEvents = events && lowered.hasPrefix("text/event-stream")
        guard isEvents || (!lowered.hasPrefix("text/") && !lowered.contains("json")) else {
            throw UpstreamFailure.invalidAnswer("\(contentType) instead of audio", provider: provider)
        }
        guard let rest = answer.rest else {
            return ProxiedAnswer(status: answer.status, contentType: contentType, body: .whole(answer.body, usage: usage))
        }
        // Speech is metered by the characters asked for, which the relay reads from the request.
        let body = LargeAnswerRelay(gateway: gateway, candidate: candidate, meter: meter, request: request, usageDialect: .openAI)
            .stream(start: answer.body, rest: rest, provider: provider)
        let cost = CostCalculator.charge(of: usage, modelInfo: candidate.deployment.modelInfo)?.cost
        return ProxiedAnswer(status: answer.status, contentType: contentType, body: .stream(body), knownCost: cost)
    }
}

/// A transcript answered as text (`response_format` text, srt or vtt).
enum TranscriptAnswer {
    /// The body when the upstream answered text; nil when it answered JSON (read as JSON).
    /// - Throws: a 502 for HTML, which no transcription API sends on success.
    static func text(_ answer: UpstreamExchange, provider: String) throws(GatewayError) -> ByteBuffer? {
        let type = (answer.contentType ?? "").lowercased()
        if type.contains("json") { return nil }
        if type.hasPrefix("text/html") { throw UpstreamFailure.invalidAnswer("\(type) instead of a transcript", provider: provider) }
        if type.isEmpty, LargeAnswerRelay.opensObject(answer.body) { return nil }
        return answer.body
    }
}
