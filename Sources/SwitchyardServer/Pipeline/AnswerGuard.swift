import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SwitchyardCore

/// The `post_call` guardrails over an answer: a whole answer is checked before it goes out; a
/// stream is held back by a window of text (`GuardrailStreamWindow`), so blocked text never
/// reaches the client, and a block ends the stream with the surface's error event.
struct AnswerGuard: Sendable {
    let guardrails: [GuardrailDefinition]
    let surface: GuardrailSurface
    let dialect: ClientDialect
    let logger: Logger
    /// The presidio guardrails among `guardrails`, which ask a Presidio server.
    let presidio: [PresidioGuardrail]

    init?(_ guardrails: [GuardrailDefinition], operation: GatewayOperation, transport: UpstreamTransport, logger: Logger) {
        guard !guardrails.isEmpty, let surface = GuardrailSurface(operation: operation) else { return nil }
        self.guardrails = guardrails
        self.surface = surface
        self.dialect = ClientDialect(surface: operation.surface)
        self.logger = logger
        self.presidio = PresidioGuardrail.all(in: guardrails, transport: transport)
    }

    /// The violation in a whole answer, if any.
    func violation(in body: ByteBuffer) async -> GatewayError? {
        guard let answer = try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView)) else {
            // What cannot be read cannot be let through.
            return GatewayError(.upstreamUnavailable, "The answer could not be inspected by its guardrails.", code: "guardrail_unreadable_answer")
        }
        let texts = GuardrailTexts(answer: answer, surface: surface).texts
        if case .blocked(let guardrail, let category) = GuardrailCheck(guardrails).run(texts) { return blocked(guardrail, category.rawValue) }
        return await presidioViolation(in: texts)
    }

    /// A stream whose events go out only once the guardrails have seen the text after them.
    func guarding(_ body: ResponseBody) -> ResponseBody {
        let guard_ = self
        return ResponseBody { writer in
            // Presidio is asked about the whole answer: the stream is held until it ends.
            let inner: any ResponseBodyWriter = guard_.presidio.isEmpty ? writer : PresidioHeldStreamWriter(inner: writer, guard: guard_)
            let guarded = GuardedStreamWriter(inner: inner, window: GuardrailStreamWindow(guard_.guardrails), guard: guard_)
            do {
                try await body.write(guarded)
            } catch is GuardedStreamWriter.Stopped {
                // The guarded writer ended the stream with the error event already.
            }
        }
    }

    /// The 403 for an answer `guardrail` stopped, having found `found` (a category or entity).
    func blocked(_ guardrail: String, _ found: String) -> GatewayError {
        logger.notice("guardrail blocked an answer", metadata: ["switchyard.guardrail": .string(guardrail), "switchyard.guardrail_category": .string(found)])
        return GatewayError.guardrailViolation(guardrail: guardrail, found: found, inAnswer: true)
    }

    /// The text one event of a stream adds, per channel.
    func deltas(in event: ByteBuffer) -> [GuardrailStreamDeltas.Delta] {
        let payload: [UInt8]? = event.withUnsafeReadableBytes { SSEData.payload(of: $0) }
        guard let payload, payload.first == UInt8(ascii: "{"),
            let value = try? JSONDecoder().decode(JSONValue.self, from: Data(payload))
        else { return [] }
        return GuardrailStreamDeltas.deltas(in: value, surface: surface)
    }
}

/// Splits what a stream writes into events, passes each through the guardrails' window, and
/// writes what the window releases; on a block, writes the error event and stops the stream.
struct GuardedStreamWriter: ResponseBodyWriter {
    struct Stopped: Error {}

    private var inner: any ResponseBodyWriter
    private var window: GuardrailStreamWindow<ByteBuffer>
    private let guard_: AnswerGuard
    private var splitter = SSEEventSplitter()
    private var pending = ByteBuffer()
    private var stopped = false

    init(inner: any ResponseBodyWriter, window: GuardrailStreamWindow<ByteBuffer>, guard: AnswerGuard) {
        self.inner = inner
        self.window = window
        self.guard_ = `guard`
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        guard !stopped else { throw Stopped() }
        var incoming = buffer
        let scanFrom = pending.readableBytes
        pending.writeBuffer(&incoming)
        var splitter = self.splitter
        let ends = pending.withUnsafeReadableBytes { raw in
            splitter.boundaries(in: UnsafeRawBufferPointer(rebasing: raw[scanFrom...])).map { $0 + scanFrom }
        }
        self.splitter = splitter
        var start = 0
        var released: [ByteBuffer] = []
        for end in ends {
            guard let event = pending.getSlice(at: pending.readerIndex + start, length: end - start) else { continue }
            start = end
            switch window.append(event, deltas: guard_.deltas(in: event)) {
            case .release(let events): released += events
            case .blocked(let guardrail, let category):
                for event in released { try await inner.write(event) }
                try await stop(guard_.blocked(guardrail, category.rawValue))
            }
        }
        pending.moveReaderIndex(forwardBy: start)
        pending.discardReadBytes()
        for event in released { try await inner.write(event) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        guard !stopped else { return }
        for event in window.finish() { try await inner.write(event) }
        if pending.readableBytes > 0 { try await inner.write(pending) }
        try await inner.finish(trailingHeaders)
    }

    private mutating func stop(_ error: GatewayError) async throws -> Never {
        stopped = true
        try await inner.write(guard_.dialect.streamFailure(error))
        try await inner.finish(nil)
        throw Stopped()
    }
}

/// A writer that takes nothing: a body written to it stops at its first write.
struct RefusingWriter: ResponseBodyWriter {
    struct Refused: Error {}
    mutating func write(_ buffer: ByteBuffer) async throws { throw Refused() }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
