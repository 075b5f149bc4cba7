/// Requests per key and model group in the sliding minute, for LiteLLM's per-model limits on
/// a key (`model_rpm_limit: {"dall-e-3": 5}`): an operator gives images a lower rate than chat.
///
/// Counted on this replica (as LiteLLM counts without Redis); the key's own `rpm_limit` is
/// the one shared across replicas.
struct ModelRateWindows: Sendable {
    private struct Counter: Sendable {
        var minute = 0
        var current = 0
        var previous = 0

        mutating func roll(to minute: Int) {
            guard minute != self.minute else { return }
            previous = minute - self.minute == 60 ? current : 0
            current = 0
            self.minute = minute
        }
    }

    private var counters: [String: Counter] = [:]

    /// Requests in the sliding minute ending at `now` (the current minute and the share of the
    /// previous one still inside it), before this one.
    mutating func used(keyHash: String, model: String, now: Double) -> Double {
        let minute = Int(now / 60) * 60
        var counter = counters[Self.name(keyHash, model)] ?? Counter(minute: minute)
        counter.roll(to: minute)
        counters[Self.name(keyHash, model)] = counter
        let weight = 1 - (now - Double(minute)) / 60
        return Double(counter.previous) * weight + Double(counter.current)
    }

    mutating func add(keyHash: String, model: String, now: Double) {
        let minute = Int(now / 60) * 60
        var counter = counters[Self.name(keyHash, model)] ?? Counter(minute: minute)
        counter.roll(to: minute)
        counter.current += 1
        counters[Self.name(keyHash, model)] = counter
    }

    private static func name(_ keyHash: String, _ model: String) -> String { keyHash + "\u{0}" + model }
}

extension VirtualKey {
    /// `metadata.model_rpm_limit`: requests per minute by model group, where the key has them.
    public var modelRPMLimits: [String: Int] {
        guard case .object(let limits)? = metadata["model_rpm_limit"] else { return [:] }
        return limits.compactMapValues { $0.numberValue.map { Int($0) } }
    }
}
