import Foundation

/// How often a budget starts again (`budget_duration`): `30s`, `15m`, `1h`, `1d`, `30d`, `1mo`.
///
/// Day and month budgets are calendar-aligned in UTC, as a finance team reads them: a `1d`
/// budget resets at midnight UTC and a `1mo` budget on the first of the month. Shorter ones
/// run from the moment they start.
public struct BudgetDuration: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable { case seconds = "s", minutes = "m", hours = "h", days = "d", months = "mo" }

    public var count: Int
    public var unit: Unit

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix(while: \.isNumber)
        guard let count = Int(digits), count > 0, let unit = Unit(rawValue: String(trimmed.dropFirst(digits.count))) else { return nil }
        self.count = count
        self.unit = unit
        guard seconds <= Self.longest else { return nil }
    }

    /// A hundred years: longer periods are typing mistakes, and their end would be a date
    /// past year 9999, which no ISO 8601 reader takes.
    public static let longest: Double = 100 * 365 * 86_400

    public init(count: Int, unit: Unit) {
        self.count = count
        self.unit = unit
    }

    public var description: String { "\(count)\(unit.rawValue)" }

    /// The length in seconds, a month counted as 30 days (for expiries and retention).
    public var seconds: Double {
        switch unit {
        case .seconds: Double(count)
        case .minutes: Double(count) * 60
        case .hours: Double(count) * 3600
        case .days: Double(count) * 86_400
        case .months: Double(count) * 30 * 86_400
        }
    }

    /// When a budget that starts (or last reset) at `now` next resets; times are Unix seconds.
    public func nextReset(after now: Double) -> Double {
        switch unit {
        case .seconds: return now + Double(count)
        case .minutes: return now + Double(count) * 60
        case .hours: return now + Double(count) * 3600
        case .days:
            let startOfDay = (now / 86_400).rounded(.down) * 86_400
            return startOfDay + Double(count) * 86_400
        case .months:
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
            let date = Date(timeIntervalSince1970: now)
            let start = calendar.date(from: calendar.dateComponents([.year, .month], from: date)) ?? date
            let next = calendar.date(byAdding: .month, value: count, to: start) ?? date.addingTimeInterval(Double(count) * 30 * 86_400)
            return next.timeIntervalSince1970
        }
    }
}
