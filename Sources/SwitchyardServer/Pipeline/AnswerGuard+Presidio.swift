import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardCore

extension AnswerGuard {
    /// What the presidio `post_call` guardrails stop in an answer's texts: the 403 of the
    /// first entity whose action is BLOCK, or the 503 of a Presidio that could not answer
    /// (an answer that could not be checked is not passed on).
    func presidioViolation(in texts: [GuardrailText]) async -> GatewayError? {
        for guardrail in presidio {
            do {
                for verdict in try await guardrail.verdicts(texts.map(\.text), logger: logger) {
                    if case .block(let entity) = verdict { return blocked(guardrail.guardrail.name, entity) }
                }
            } catch {
                return GatewayError.guardrailUnavailable(guardrail.guardrail.name, answer: true)
            }
        }
        return nil
    }
}

/// Holds a whole guarded stream, then asks the presidio `post_call` guardrails about the text
/// of each channel (the answer, each tool call's arguments) before any of it goes out: a
/// Presidio call per streamed token would cost more than the answer. A block ends the held
/// stream with the surface's error event instead, as LiteLLM does for Presidio on streams.
struct PresidioHeldStreamWriter: ResponseBodyWriter {
    private var inner: any ResponseBodyWriter
    private let guard_: AnswerGuard
    private var held: [ByteBuffer] = []
    private var heldBytes = 0

    init(inner: any ResponseBodyWriter, guard: AnswerGuard) {
        self.inner = inner
        self.guard_ = `guard`
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        heldBytes += buffer.readableBytes
        guard heldBytes <= Gateway.bufferedAnswerBytes else {
            let error = GatewayError(.upstreamUnavailable, "The answer was too large for its guardrails to inspect.", code: "guardrail_unreadable_answer")
            try await inner.write(guard_.dialect.streamFailure(error))
            try await inner.finish(nil)
            throw GuardedStreamWriter.Stopped()
        }
        held.append(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        var channels: [String: String] = [:]
        var order: [String] = []
        for event in held {
            for delta in guard_.deltas(in: event) {
                if channels[delta.channel] == nil { order.append(delta.channel) }
                channels[delta.channel, default: ""] += delta.text
            }
        }
        let texts = order.map { GuardrailText(path: JSONPath(), text: channels[$0] ?? "", role: .message) }
        if let violation = await guard_.presidioViolation(in: texts) {
            try await inner.write(guard_.dialect.streamFailure(violation))
        } else {
            for event in held { try await inner.write(event) }
        }
        try await inner.finish(trailingHeaders)
    }
}
