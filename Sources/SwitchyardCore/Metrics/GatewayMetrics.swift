import Synchronization

/// The gateway's counters and histograms, rendered in Prometheus' text format.
///
/// Kept in memory behind one lock, with no global state, so each application (and each
/// test) has its own.
public final class GatewayMetrics: Sendable {
    /// A metric family: its name, help text and kind.
    public struct Family: Sendable, Hashable {
        public enum Kind: String, Sendable { case counter, histogram, gauge }
        public let name: String
        public let help: String
        public let kind: Kind
    }

    /// A series by its raw label names and values, flattened (`[name, value, name, value…]`):
    /// recording only hashes them, and escaping waits until the series is rendered.
    private struct Series: Hashable {
        let family: String
        let labels: [String]

        init(family: String, _ labels: KeyValuePairs<String, String>) {
            self.family = family
            var flat: [String] = []
            flat.reserveCapacity(labels.count * 2)
            for (name, value) in labels {
                flat.append(name)
                flat.append(value)
            }
            self.labels = flat
        }

        var rendered: String {
            stride(from: 0, to: labels.count - 1, by: 2).map { "\(labels[$0])=\"\(GatewayMetrics.escape(labels[$0 + 1]))\"" }.joined(separator: ",")
        }
    }

    private struct Histogram {
        var buckets: [Double]
        var counts: [Int]
        var sum = 0.0
        var count = 0

        mutating func record(_ value: Double) {
            if let bucket = buckets.firstIndex(where: { value <= $0 }) { counts[bucket] += 1 }
            sum += value
            count += 1
        }
    }

    private struct Store {
        var counters: [Series: Double] = [:]
        var histograms: [Series: Histogram] = [:]
    }

    private let store = Mutex(Store())
    /// Seconds; spans a sub-millisecond gateway overhead to multi-minute generations.
    public static let latencyBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]

    public init() {}

    public func increment(_ family: Family, _ labels: KeyValuePairs<String, String>, by amount: Double = 1) {
        let series = Series(family: family.name, labels)
        store.withLock { $0.counters[series, default: 0] += amount }
    }

    public func observe(_ family: Family, _ labels: KeyValuePairs<String, String>, _ value: Double) {
        let series = Series(family: family.name, labels)
        store.withLock { store in
            // Updated in place: copying the histogram out would copy its counts on every call.
            store.histograms[series, default: Histogram(buckets: Self.latencyBuckets, counts: Array(repeating: 0, count: Self.latencyBuckets.count))]
                .record(value)
        }
    }

    /// The value of one counter series (for tests and health reports).
    public func counter(_ family: Family, _ labels: KeyValuePairs<String, String>) -> Double {
        let series = Series(family: family.name, labels)
        return store.withLock { $0.counters[series] ?? 0 }
    }

    /// Prometheus text exposition of everything recorded, plus `gauges` sampled by the caller.
    public func render(gauges: [(Family, [(labels: KeyValuePairs<String, String>, value: Double)])] = []) -> String {
        let snapshot = store.withLock { $0 }
        var out = ""
        for family in GatewayMetrics.families {
            switch family.kind {
            case .counter:
                let series = snapshot.counters.filter { $0.key.family == family.name }.map { ($0.key.rendered, $0.value) }.sorted { $0.0 < $1.0 }
                guard !series.isEmpty else { continue }
                out += "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) counter\n"
                for (labels, value) in series { out += "\(family.name)\(Self.braced(labels)) \(Self.number(value))\n" }
            case .histogram:
                let series = snapshot.histograms.filter { $0.key.family == family.name }.map { ($0.key.rendered, $0.value) }.sorted { $0.0 < $1.0 }
                guard !series.isEmpty else { continue }
                out += "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) histogram\n"
                for (labels, histogram) in series {
                    var cumulative = 0
                    let prefix = labels.isEmpty ? "" : labels + ","
                    for (bound, count) in zip(histogram.buckets, histogram.counts) {
                        cumulative += count
                        out += "\(family.name)_bucket{\(prefix)le=\"\(Self.number(bound))\"} \(cumulative)\n"
                    }
                    out += "\(family.name)_bucket{\(prefix)le=\"+Inf\"} \(histogram.count)\n"
                    out += "\(family.name)_sum\(Self.braced(labels)) \(Self.number(histogram.sum))\n"
                    out += "\(family.name)_count\(Self.braced(labels)) \(histogram.count)\n"
                }
            case .gauge:
                continue
            }
        }
        for (family, samples) in gauges where !samples.isEmpty {
            out += "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) gauge\n"
            for sample in samples { out += "\(family.name)\(Self.braced(Self.render(sample.labels))) \(Self.number(sample.value))\n" }
        }
        return out
    }

    private static func render(_ labels: KeyValuePairs<String, String>) -> String {
        labels.map { "\($0.key)=\"\(escape($0.value))\"" }.joined(separator: ",")
    }

    private static func braced(_ labels: String) -> String {
        labels.isEmpty ? "" : "{\(labels)}"
    }

    fileprivate static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    private static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
