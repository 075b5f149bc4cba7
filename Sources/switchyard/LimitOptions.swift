import ArgumentParser
import Foundation
import SwitchyardCore

/// The budget and limit options keys, teams and users share on the command line.
struct LimitOptions: ParsableArguments {
    @Option(help: "USD that may be spent per budget period.") var maxBudget: Double?
    @Option(help: "Budget period: 30s, 1h, 1d, 30d, 1mo.") var budgetDuration: String?
    @Option(help: "Requests per minute.") var rpm: Int?
    @Option(help: "Tokens per minute.") var tpm: Int?
    @Option(help: "Requests in flight at once.") var maxParallel: Int?

    func validate() throws {
        for (flag, value) in [("--max-budget", maxBudget), ("--rpm", rpm.map(Double.init)), ("--tpm", tpm.map(Double.init)), ("--max-parallel", maxParallel.map(Double.init))] {
            if let value, !(value >= 0) || !value.isFinite { throw ValidationError("\(flag): use a number of 0 or more") }
        }
        if let budgetDuration { _ = try Self.duration(budgetDuration, flag: "--budget-duration") }
    }

    /// The limits, with the first budget reset after `now`.
    func limits(now: Double) throws -> BudgetLimits {
        let period = try budgetDuration.map { try Self.duration($0, flag: "--budget-duration") }
        return BudgetLimits(
            maxBudget: maxBudget, budgetDuration: period, budgetResetAt: period?.nextReset(after: now),
            rpmLimit: rpm, tpmLimit: tpm, maxParallelRequests: maxParallel
        )
    }

    static func duration(_ text: String, flag: String) throws -> BudgetDuration {
        guard let period = BudgetDuration(text) else { throw ValidationError("\(flag): use 30s, 15m, 1h, 1d, 30d or 1mo (at most 100 years)") }
        return period
    }

    /// `a, b,c` as `["a", "b", "c"]`; nil as none.
    static func list(_ text: String?) -> [String] {
        text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
    }
}

/// Prints the rows of a `list` command: a tab-separated table, or JSON lines with `--json`.
enum ListOutput {
    static func print(header: [String], rows: [[String]], json: [[String: JSONValue]], asJSON: Bool) throws {
        if asJSON {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for object in json {
                Swift.print(String(decoding: try encoder.encode(JSONValue.object(object)), as: UTF8.self))
            }
            return
        }
        Swift.print(header.joined(separator: "\t"))
        for row in rows { Swift.print(row.joined(separator: "\t")) }
    }

    static func money(_ value: Double?) -> String { value.map(CostCalculator.format) ?? "-" }
    static func models(_ models: [String]) -> String { models.isEmpty ? "*" : models.joined(separator: ",") }
}
