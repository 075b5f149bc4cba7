import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import SwitchyardCore

/// One admitted request on its way through the pipeline: what every attempt needs, passed
/// explicitly (the account it is metered on included). One reference per request, shared by
/// every attempt, retry and fallback.
final class OperationCall: Sendable {
    let request: OperationRequest
    /// The client's request headers, for the few a same-dialect upstream should see too
    /// (`anthropic-version`, `anthropic-beta`).
    let clientHeaders: HTTPFields
    let meter: RequestMeter
    let logger: Logger
    /// Seconds of audio in the request's upload, measured from its bytes (transcription),
    /// for pricing when the upstream does not report a duration.
    let measuredAudio: Double?
    /// A Responses request's conversation: the turn it follows and the record of its answer.
    let conversation: ResponsesConversation?
    /// `x-switchyard-guardrails`: the guardrails that inspected the request, nil when none did.
    let guardrailsHeader: String?
    /// The `post_call` guardrails over the answer, when any run.
    let answerGuard: AnswerGuard?
    /// The stored video a remix starts from.
    let remixSource: MediaJob?
    /// The pivot form of the request, translated on first use (one translation per
    /// `drop_params` value) so retries and fallbacks need not translate again.
    private let pivots = Mutex([Bool: ChatCompletionRequest]())
    /// Set when a stream ended with an in-stream error event instead of its own end: such a
    /// stream is never cached.
    private let broken = Mutex(false)

    init(
        request: OperationRequest, clientHeaders: HTTPFields, meter: RequestMeter, logger: Logger, conversation: ResponsesConversation? = nil,
        guardrailsHeader: String? = nil, answerGuard: AnswerGuard? = nil, remixSource: MediaJob? = nil
    ) {
        self.remixSource = remixSource
        self.answerGuard = answerGuard
        self.request = request
        self.conversation = conversation
        self.guardrailsHeader = guardrailsHeader
        self.clientHeaders = clientHeaders
        self.meter = meter
        self.logger = logger
        self.measuredAudio = request.audio.flatMap { AudioDuration.seconds(of: $0.bytes, filename: $0.filename, contentType: $0.contentType) }
    }

    var operation: GatewayOperation { request.operation }
    var model: String { request.model }

    /// Marks the answer's stream as broken (an error event was written in place of its end).
    func streamBroke() {
        broken.withLock { $0 = true }
    }

    var streamIsBroken: Bool { broken.withLock { $0 } }

    /// The request in the OpenAI pivot, for a deployment of another dialect.
    func pivot(dropUnsupported: Bool) throws(GatewayError) -> ChatCompletionRequest {
        if let chat = pivots.withLock({ $0[dropUnsupported] }) { return chat }
        let chat = try ChatTranslation.pivot(request, dropUnsupported: dropUnsupported)
        pivots.withLock { $0[dropUnsupported] = chat }
        return chat
    }
}

/// What one attempt produced, before the pipeline adds the gateway's own headers.
struct ProxiedAnswer: Sendable {
    enum Body: Sendable {
        /// A whole body, and what it used (charged by the pipeline).
        case whole(ByteBuffer, usage: MeteredUsage?)
        /// A stream; its writer reports usage to the meter and ends the deployment's slot.
        case stream(ResponseBody)
        /// A job the provider accepted: the pipeline records it and answers the job object.
        case job(ProviderJobSnapshot)
    }

    var status: Int = 200
    var contentType: String
    var body: Body
    /// What a streamed answer is charged when that is known before it ends (speech, priced
    /// by the characters asked for), so it carries `x-credits-used` like a whole one.
    var knownCost: Double? = nil
}
