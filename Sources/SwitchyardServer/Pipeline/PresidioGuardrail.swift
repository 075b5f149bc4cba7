import HTTPTypes
import Logging
import SwitchyardCore

/// The `presidio` guardrail, as LiteLLM's Presidio integration runs it: every text is sent to
/// the analyzer; findings under their score threshold or on the deny list are dropped; an
/// entity whose action is BLOCK stops the request (403 naming the guardrail and the entity
/// type), the rest are replaced by the anonymizer's `<ENTITY_TYPE>` and the request goes on.
///
/// It fails closed: an analyzer or anonymizer that cannot answer, answers late or answers
/// something else than Presidio's documented shape stops the request with a 503
/// `guardrail_unavailable`; nothing unchecked is sent.
struct PresidioGuardrail: Sendable {
    let guardrail: GuardrailDefinition
    let client: PresidioClient

    /// Presidio calls in flight at once for one request and guardrail: texts are analysed
    /// concurrently without one long conversation flooding the analyzer.
    static let concurrentCalls = 4

    init(_ guardrail: GuardrailDefinition, transport: UpstreamTransport) {
        self.guardrail = guardrail
        self.client = PresidioClient(transport: transport, settings: guardrail.presidio)
    }

    /// The presidio guardrails of `guardrails`, in config order.
    static func all(in guardrails: [GuardrailDefinition], transport: UpstreamTransport) -> [PresidioGuardrail] {
        guardrails.filter { $0.kind == .presidio }.map { PresidioGuardrail($0, transport: transport) }
    }

    /// Runs the presidio guardrails of `guardrails` over a request's texts, each over the texts
    /// as the ones before left them. Throws the 403 of a block (carrying
    /// `x-switchyard-guardrails: inspected`) or the 503 of a Presidio that could not answer;
    /// returns the texts masked, or nil when nothing was masked.
    static func screen(
        _ texts: [GuardrailText], by guardrails: [GuardrailDefinition], transport: UpstreamTransport, inspected: String?, logger: Logger
    ) async throws -> [GuardrailText]? {
        var current = texts
        var changed = false
        for presidio in all(in: guardrails, transport: transport) {
            switch try await presidio.screen(current, logger: logger) {
            case .blocked(let entity):
                logger.notice("guardrail blocked a request", metadata: ["switchyard.guardrail": .string(presidio.guardrail.name), "switchyard.guardrail_category": .string(entity)])
                var error = GatewayError.guardrailViolation(guardrail: presidio.guardrail.name, found: entity)
                error.headers[HTTPField.Name.guardrails.rawName] = inspected
                throw error
            case .masked(let masked?):
                current = masked
                changed = true
            case .masked(nil):
                break
            }
        }
        return changed ? current : nil
    }

    /// What this guardrail decided about a set of texts.
    enum Screening: Sendable {
        case blocked(entity: String)
        /// The texts with what was found masked; nil when nothing was.
        case masked([GuardrailText]?)
    }

    /// Analyses `texts` (identical texts once), then masks those with findings to mask.
    func screen(_ texts: [GuardrailText], logger: Logger) async throws -> Screening {
        let verdicts = try await verdicts(texts.map(\.text), logger: logger)
        for verdict in verdicts {
            if case .block(let entity) = verdict { return .blocked(entity: entity) }
        }
        let toMask = verdicts.enumerated().compactMap { position, verdict -> (Int, [PresidioRecognizerResult])? in
            if case .mask(let results) = verdict { return (position, results) }
            return nil
        }
        guard !toMask.isEmpty else { return .masked(nil) }
        let anonymized = try await failingClosed(logger) {
            try await Self.boundedMap(toMask) { position, results in
                try await client.anonymize(texts[position].text, results, logger: logger)
            }
        }
        var masked = texts
        for ((position, _), text) in zip(toMask, anonymized) { masked[position].text = text }
        return .masked(masked)
    }

    /// The verdict on each of `texts`, in order. Blank texts are not sent (Presidio refuses an
    /// empty text), and each distinct text is analysed once.
    func verdicts(_ texts: [String], logger: Logger) async throws -> [PresidioVerdict] {
        var distinct: [String] = []
        var seen: Set<String> = []
        for text in texts where !text.allSatisfy(\.isWhitespace) && seen.insert(text).inserted { distinct.append(text) }
        let results = try await failingClosed(logger) {
            try await Self.boundedMap(distinct) { text in try await client.analyze(text, logger: logger) }
        }
        let byText = Dictionary(uniqueKeysWithValues: zip(distinct, results))
        return texts.map { text in byText[text].map { guardrail.presidio.verdict($0, defaultAction: guardrail.action) } ?? .clean }
    }

    /// Runs `body`, turning any failure into the guardrail's 503.
    private func failingClosed<T>(_ logger: Logger, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            logger.warning("a presidio guardrail could not run", metadata: ["switchyard.guardrail": .string(guardrail.name), "switchyard.error": .string("\(error)")])
            throw GatewayError.guardrailUnavailable(guardrail.name)
        }
    }

    /// `transform` over `items`, at most `concurrentCalls` at a time, results in order.
    static func boundedMap<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ transform: @escaping @Sendable (Item) async throws -> Result
    ) async throws -> [Result] {
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: items.count)
            var next = 0
            func start() {
                let position = next
                let item = items[position]
                group.addTask { (position, try await transform(item)) }
                next += 1
            }
            while next < min(concurrentCalls, items.count) { start() }
            while let (position, result) = try await group.next() {
                results[position] = result
                if next < items.count { start() }
            }
            return results.compactMap { $0 }
        }
    }
}
