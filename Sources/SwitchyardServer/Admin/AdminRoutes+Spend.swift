import Foundation
import Hummingbird
import SwitchyardCore

extension AdminRoutes {
    /// `/spend/logs`: filter by `api_key` (or `key`), `user_id`, `team_id`, `model`, `tag`,
    /// `request_id`, `status` (`success`, `failure`, `4xx`, `5xx` or a code),
    /// `start_date`/`end_date` (ISO dates or times); paginated with `page` and `page_size`,
    /// newest first.
    func spendLogs(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let query = request.uri.queryParameters
        var filter = SpendLogQuery()
        filter.keyHash = (query.get("api_key") ?? query.get("key")).map(KeySecret.tokenHash(forReference:))
        filter.userID = query.get("user_id")
        filter.teamID = query.get("team_id")
        filter.modelGroup = query.get("model")
        filter.tag = query.get("tag")
        filter.requestID = query.get("request_id")
        filter.statuses = try query.get("status").map(Self.statuses)
        filter.startTime = try time(query.get("start_date"), name: "start_date")
        filter.endTime = try endTime(query.get("end_date"))
        let (page, size) = Self.page(request)
        filter.offset = (page - 1) * size
        filter.limit = size
        let (rows, total) = try await storing { try await governance.store.spendLogs(filter) }
        return try Self.json([
            "data": .array(rows.map { .object(AdminViews.spendLog($0)) }),
            "total": .number(Double(total)),
            "page": .number(Double(page)),
            "page_size": .number(Double(size)),
            "total_pages": .number(Double((total + size - 1) / size)),
        ])
    }

    /// `/global/spend/report`: spend per UTC day and model group between `start_date` and
    /// `end_date` (default: the last 30 days).
    func spendReport(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try requireAdmin(context)
        let query = request.uri.queryParameters
        let now = governance.clock.wallTime()
        let start = try time(query.get("start_date"), name: "start_date") ?? (now - 30 * 86_400)
        let end = try endTime(query.get("end_date")) ?? (now + 1)
        let rows = try await storing { try await governance.store.spendReport(from: start, to: end) }
        var days: [(String, [SpendReportRow])] = []
        for row in rows {
            if days.last?.0 == row.day { days[days.count - 1].1.append(row) } else { days.append((row.day, [row])) }
        }
        let report: [JSONValue] = days.map { day, rows in
            .object([
                "group_by_day": .string(day),
                "total_spend": .number(rows.reduce(0) { $0 + $1.spend }),
                "total_list_cost": .number(rows.reduce(0) { $0 + $1.listCost }),
                "teams": .array(rows.map { row in
                    .object([
                        "model_group": .string(row.modelGroup),
                        "total_spend": .number(row.spend),
                        "total_list_cost": .number(row.listCost),
                        "requests": .number(Double(row.requests)),
                        "prompt_tokens": .number(Double(row.promptTokens)),
                        "completion_tokens": .number(Double(row.completionTokens)),
                    ])
                }),
            ])
        }
        let data = try JSONEncoder().encode(JSONValue.array(report))
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: .init(bytes: data)))
    }

    /// The statuses a `status` filter names: `success` (below 400), `failure` (400 and up), a
    /// class (`2xx`…`5xx`) or one code.
    static func statuses(_ text: String) throws -> ClosedRange<Int> {
        let value = text.lowercased()
        switch value {
        case "success": return 100...399
        case "failure", "error": return 400...599
        default:
            if value.count == 3, value.hasSuffix("xx"), let digit = value.first?.wholeNumberValue, (1...5).contains(digit) {
                return (digit * 100)...(digit * 100 + 99)
            }
            if let code = Int(value), (100...599).contains(code) { return code...code }
            throw GatewayError(
                .invalidRequest, "`status` must be success, failure, a class such as 4xx, or a code such as 429.", param: "status", code: "invalid_request"
            )
        }
    }

    private func time(_ text: String?, name: String) throws -> Double? {
        guard let text else { return nil }
        guard let time = ISOTime.parse(text) else {
            throw GatewayError(.invalidRequest, "`\(name)` must be a date (2026-11-24) or an ISO 8601 time.", param: name, code: "invalid_request")
        }
        return time
    }

    /// An end date names a whole day: `2026-11-24` runs to the end of that day.
    private func endTime(_ text: String?) throws -> Double? {
        guard let text, let time = try time(text, name: "end_date") else { return nil }
        return text.count == 10 ? time + 86_400 : time
    }
}
