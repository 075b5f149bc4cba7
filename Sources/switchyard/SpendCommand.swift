import ArgumentParser
import Foundation
import SwitchyardCore

/// `switchyard spend`: the spend log summed per key, team or model group over a period, read
/// straight from the configured store.
struct SpendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spend",
        abstract: "Sum the spend log per key, team or model group."
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "From this date (2026-11-01) or ISO 8601 time, UTC (default: 30 days ago).") var from: String?
    @Option(help: "To the end of this date, or to this time (default: now).") var to: String?
    @Option(help: "key, team or model.") var groupBy: SpendGrouping = .model
    @Flag(help: "Print JSON lines instead of a table.") var json = false

    func run() async throws {
        let now = Date().timeIntervalSince1970
        let start = try from.map { try Self.time($0, flag: "--from") } ?? now - 30 * 86_400
        // A date names a whole day: `--to 2026-11-24` includes the 24th.
        let end = try to.map { text in try Self.time(text, flag: "--to") + (text.count == 10 ? 86_400 : 0) } ?? now + 1
        guard start < end else { throw ValidationError("--from must be before --to") }
        let grouping = groupBy
        let rows = try await store.withStore { store in try await store.spendTotals(from: start, to: end, by: grouping) }
        try ListOutput.print(
            header: [grouping.rawValue.uppercased(), "REQUESTS", "SPEND", "LIST_COST", "PROMPT_TOKENS", "COMPLETION_TOKENS"],
            rows: rows.map { row in
                [name(row), String(row.requests), ListOutput.money(row.spend), ListOutput.money(row.listCost), String(row.promptTokens), String(row.completionTokens)]
            } + [[
                "TOTAL", String(rows.reduce(0) { $0 + $1.requests }), ListOutput.money(rows.reduce(0) { $0 + $1.spend }),
                ListOutput.money(rows.reduce(0) { $0 + $1.listCost }), String(rows.reduce(0) { $0 + $1.promptTokens }),
                String(rows.reduce(0) { $0 + $1.completionTokens }),
            ]],
            json: rows.map { row in
                var object: [String: JSONValue] = [
                    grouping.rawValue: row.group.map(JSONValue.string) ?? .null, "requests": .number(Double(row.requests)),
                    "spend": .number(row.spend), "list_cost": .number(row.listCost),
                    "prompt_tokens": .number(Double(row.promptTokens)), "completion_tokens": .number(Double(row.completionTokens)),
                ]
                if grouping == .key { object["key_alias"] = row.label.map(JSONValue.string) ?? .null }
                return object
            },
            asJSON: json
        )
    }

    /// The row's group as the table shows it: a key by hash prefix and alias.
    private func name(_ row: SpendTotalsRow) -> String {
        guard let group = row.group else { return "(no \(groupBy.rawValue))" }
        guard groupBy == .key else { return group }
        return String(group.prefix(12)) + (row.label.map { " (\($0))" } ?? "")
    }

    private static func time(_ text: String, flag: String) throws -> Double {
        guard let time = ISOTime.parse(text), time.isFinite else {
            throw ValidationError("\(flag): use a date (2026-11-24) or an ISO 8601 time")
        }
        return time
    }
}

extension SpendGrouping: ExpressibleByArgument {}
