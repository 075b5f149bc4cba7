import HTTPTypes
import Logging
import Synchronization
import SwitchyardCore

/// One proxied request's account: what it was admitted with, the usage its answer reported,
/// and, once it ends, the settlement of its budget hold and its spend log row.
///
/// The pipeline opens it after admission and passes it to every attempt explicitly; it
/// settles once, when the whole answer is built or the last streamed byte is written (or the
/// stream ends because the client left).
final class RequestMeter: Sendable {
    private struct Observation {
        var usage: MeteredUsage?
        var charge = Charge.zero
        /// False once an answer used something its deployment has no price for.
        var costKnown = true
        var deployment: String?
        /// The answering deployment's configured `model_name`, the spend metric's label.
        var deploymentGroup: String?
        var provider: String?
        /// The answering deployment's provider and upstream model id, for the trace.
        var providerKind: ProviderKind?
        var upstreamModel: String?
        /// Answered from the response cache, and what that saved.
        var savedByCache: Double?
        var finished = false

        mutating func answeredBy(_ deployment: Deployment) {
            self.deployment = deployment.id
            deploymentGroup = deployment.modelName
            provider = deployment.provider.rawValue
            providerKind = deployment.provider
            upstreamModel = deployment.upstreamModel
        }
    }

    let admission: Admission?
    let requestID: String
    let callType: String
    let modelGroup: String
    let tags: [String]
    let startTime: Double
    /// False for operations that are governed but free (token counting).
    let charged: Bool
    /// A batch line: every charge is at the answering model's `batch_discount`.
    let batchPriced: Bool
    /// The request's spans, when traces are exported; ended with the meter.
    let trace: RequestTrace?
    private let governance: Governance
    private let logger: Logger
    private let observation = Mutex(Observation())

    init(
        governance: Governance, admission: Admission?, requestID: String, callType: String, modelGroup: String, tags: [String], charged: Bool,
        batchPriced: Bool = false, trace: RequestTrace? = nil, logger: Logger
    ) {
        self.trace = trace
        self.batchPriced = batchPriced
        self.governance = governance
        self.logger = logger
        self.charged = charged
        self.admission = admission
        self.requestID = requestID
        self.callType = callType
        self.modelGroup = modelGroup
        self.tags = tags
        self.startTime = governance.clock.wallTime()
    }

    /// Records the usage an answer reported, priced with the answering deployment's costs
    /// and billing multiplier; answers what the request is charged (nil when the deployment
    /// has no prices). Free operations (token counting) are never charged.
    @discardableResult
    func observe(_ usage: Usage, deployment: Deployment) -> Double? {
        observe(MeteredUsage(usage), deployment: deployment)
    }

    /// Records what an answer used in any unit (images, seconds, characters, queries,
    /// pages, tokens), priced like tokens; nil when the deployment has no price for it, and
    /// the spend log row then says the cost is unknown. A batch line's price is discounted.
    @discardableResult
    func observe(_ usage: MeteredUsage, deployment: Deployment) -> Double? {
        var charge = charged ? CostCalculator.charge(of: usage, modelInfo: deployment.modelInfo) : .zero
        if batchPriced { charge = charge?.discounted(by: deployment.modelInfo.batchDiscount) }
        if charge == nil, admission?.budgeted == true {
            governance.unpricedModels.warn(modelGroup: deployment.modelName, deployment: deployment.id, logger: logger)
        }
        observation.withLock { observation in
            observation.usage = usage
            observation.costKnown = charge != nil
            observation.charge = charge ?? Charge(listCost: 0, modelInfo: deployment.modelInfo)
            observation.answeredBy(deployment)
        }
        return charge?.cost
    }

    /// Records which deployment answered when its answer reported no usage.
    func observe(deployment: Deployment) {
        observation.withLock { $0.answeredBy(deployment) }
    }

    /// Records an answer replayed from the response cache: its tokens are logged, nothing is
    /// charged, and `saved` (what it would have cost) goes on the log row.
    func observeCacheHit(_ usage: MeteredUsage?, saved: Double) {
        observation.withLock { observation in
            observation.usage = usage
            observation.charge = .zero
            observation.savedByCache = saved
        }
    }

    /// What the answer reported using so far (tokens of a stream are known at its end).
    var observedUsage: MeteredUsage? {
        observation.withLock { $0.usage }
    }

    /// Adds the `x-ratelimit-*` headers for the limits the key is under.
    func addRateLimitHeaders(to headers: inout HTTPFields) {
        guard let admission else { return }
        if let requests = admission.requestLimit {
            headers[.rateLimitLimitRequests] = String(requests.limit)
            headers[.rateLimitRemainingRequests] = String(requests.remaining)
            headers[.rateLimitResetRequests] = "\(Int(requests.resetSeconds.rounded(.up)))s"
        }
        if let tokens = admission.tokenLimit {
            headers[.rateLimitLimitTokens] = String(tokens.limit)
            headers[.rateLimitRemainingTokens] = String(tokens.remaining)
            headers[.rateLimitResetTokens] = "\(Int(tokens.resetSeconds.rounded(.up)))s"
        }
    }

    /// Ends a request that became a job: its admission's hold is released (the job holds its
    /// own) and no log row is written now; the job writes one when it settles.
    func finishAsJob() {
        finish(status: 200, logged: false)
    }

    /// Ends the request: settles the budget hold and queues the spend log row. Only the
    /// first call counts.
    func finish(status: Int) {
        finish(status: status, logged: true)
    }

    private func finish(status: Int, logged: Bool) {
        let ended = observation.withLock { observation -> Observation? in
            guard !observation.finished else { return nil }
            observation.finished = true
            return observation
        }
        guard let ended else { return }
        trace?.end(
            RequestTrace.Outcome(
                status: status, usage: ended.usage, cost: ended.charge.cost, costKnown: ended.costKnown && ended.deployment != nil,
                deployment: ended.deployment, provider: ended.providerKind, responseModel: ended.upstreamModel,
                keyAlias: admission?.key.keyAlias, teamID: admission?.key.teamID
            )
        )
        governance.record(
            self, status: status, usage: ended.usage, charge: ended.charge, costKnown: ended.costKnown, deployment: ended.deployment,
            deploymentGroup: ended.deploymentGroup, provider: ended.provider, savedByCache: ended.savedByCache, logged: logged
        )
    }
}

extension HTTPField.Name {
    static let rateLimitLimitRequests = HTTPField.Name("x-ratelimit-limit-requests")!
    static let rateLimitRemainingRequests = HTTPField.Name("x-ratelimit-remaining-requests")!
    static let rateLimitResetRequests = HTTPField.Name("x-ratelimit-reset-requests")!
    static let rateLimitLimitTokens = HTTPField.Name("x-ratelimit-limit-tokens")!
    static let rateLimitRemainingTokens = HTTPField.Name("x-ratelimit-remaining-tokens")!
    static let rateLimitResetTokens = HTTPField.Name("x-ratelimit-reset-tokens")!
}
