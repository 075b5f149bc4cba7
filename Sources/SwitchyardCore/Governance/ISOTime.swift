import Foundation

/// Unix seconds to and from the ISO 8601 text the admin API shows and accepts.
public enum ISOTime {
    /// `2026-11-24T20:00:00Z` (fractions dropped).
    public static func format(_ unix: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: unix.rounded(.down)))
    }

    /// Reads `2026-11-24`, `2026-11-24T20:00:00Z` (fractions allowed) or Unix seconds.
    public static func parse(_ text: String) -> Double? {
        if let number = Double(text) { return number }
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date.timeIntervalSince1970 }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = full.date(from: text) { return date.timeIntervalSince1970 }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        day.timeZone = TimeZone(identifier: "UTC")
        return day.date(from: text)?.timeIntervalSince1970
    }

    /// `YYYY-MM-DD` of the UTC day holding `unix`.
    public static func day(_ unix: Double) -> String {
        String(format(unix).prefix(10))
    }
}
