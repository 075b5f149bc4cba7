import Foundation
import Logging
import Synchronization
import SwitchyardCore

/// Re-reads the config file and puts what may change at run time in force: model groups and
/// their deployments, prices, router settings, fallbacks, guardrails and `litellm_settings`
/// (other than the cache). A config with errors is refused and the running one kept.
///
/// `general_settings` (the master key, the store, limits on connections…) and the cache are
/// built into the running process: a change to them is reported and waits for a restart.
final class ConfigReloader: Sendable {
    /// What the last attempt did, for `/health` and the reload route.
    struct Outcome: Sendable, Encodable {
        enum Status: String, Sendable, Encodable, CaseIterable {
            case reloaded, refused
            /// No config file: the built-in demo.
            case unavailable
        }

        var status: Status
        var trigger: String
        /// Unix seconds.
        var at: Double
        var modelGroups: Int?
        var errors: [String]
        /// Problems that did not stop the reload, and changes that wait for a restart.
        var warnings: [String]

        enum CodingKeys: String, CodingKey {
            case status, trigger, at, modelGroups = "model_groups", errors, warnings
        }
    }

    private let gateway: Gateway
    private let catalog: ModelCatalog
    private let source: (@Sendable () -> ConfigLoadResult)?
    private let logger: Logger
    private let last = Mutex<Outcome?>(nil)
    /// One reload at a time: a SIGHUP and a route call never interleave their reads and installs.
    private let running = Mutex(false)

    /// - Parameter source: reads the config file again; nil when the gateway runs without one.
    init(gateway: Gateway, catalog: ModelCatalog, source: (@Sendable () -> ConfigLoadResult)?, logger: Logger) {
        self.gateway = gateway
        self.catalog = catalog
        self.source = source
        self.logger = logger
    }

    var lastOutcome: Outcome? { last.withLock { $0 } }

    func reload(trigger: String) -> Outcome {
        let now = gateway.clock.wallTime()
        guard let source else {
            return record(Outcome(status: .unavailable, trigger: trigger, at: now, errors: ["the gateway was started without a config file"], warnings: []))
        }
        let started = running.withLock { busy in
            guard !busy else { return false }
            busy = true
            return true
        }
        guard started else {
            return record(Outcome(status: .refused, trigger: trigger, at: now, errors: ["another reload is running"], warnings: []))
        }
        defer { running.withLock { $0 = false } }
        let result = source()
        let warnings = result.problems.filter { $0.severity != .error }.map(\.description)
        guard let loaded = result.config, result.errors.isEmpty else {
            let errors = result.problems.filter { $0.severity == .error }.map(\.description)
            return record(Outcome(status: .refused, trigger: trigger, at: now, errors: errors.isEmpty ? ["the config could not be read"] : errors, warnings: warnings))
        }
        let running = catalog.base
        var next = loaded
        var waiting: [String] = []
        if next.general != running.general {
            waiting.append("general_settings changed: they take effect on restart")
            next.general = running.general
        }
        if next.litellm.cache != running.litellm.cache {
            waiting.append("litellm_settings.cache changed: it takes effect on restart")
            next.litellm.cache = running.litellm.cache
        }
        if next.litellm.otelTraces != running.litellm.otelTraces {
            waiting.append("litellm_settings.callbacks changed: trace export starts or stops on restart")
            next.litellm.otelTraces = running.litellm.otelTraces
        }
        catalog.setBase(next)
        return record(Outcome(
            status: .reloaded, trigger: trigger, at: now, modelGroups: gateway.registry.listedModels.count, errors: [], warnings: warnings + waiting
        ))
    }

    private func record(_ outcome: Outcome) -> Outcome {
        last.withLock { $0 = outcome }
        var metadata: Logger.Metadata = ["switchyard.trigger": .string(outcome.trigger)]
        if !outcome.errors.isEmpty { metadata["switchyard.errors"] = .array(outcome.errors.map { .string($0) }) }
        if !outcome.warnings.isEmpty { metadata["switchyard.warnings"] = .array(outcome.warnings.map { .string($0) }) }
        switch outcome.status {
        case .reloaded: logger.notice("config reloaded: \(outcome.modelGroups ?? 0) model groups", metadata: metadata)
        case .refused, .unavailable: logger.error("config reload \(outcome.status.rawValue); the running config is kept", metadata: metadata)
        }
        return outcome
    }
}
