import Foundation

/// The columns both stores keep a batch and its lines in, so SQLite and PostgreSQL read and
/// write them in one order.
extension StoredBatch {
    /// The statuses with a time column of their own, `<status>_at` (`validating` has
    /// `created_at`), in the order `columns` lists them.
    public static let timedStatuses: [BatchStatus] = [.inProgress, .finalizing, .completed, .failed, .expired, .cancelling, .cancelled]

    /// Every column of `switchyard_batches` a `StoredBatch` is read from, in order.
    public static let columns =
        "id, owner_key_hash, team_id, endpoint, input_file_id, completion_window, status, created_at, expires_at, "
        + timedStatuses.map { "\($0.rawValue)_at" }.joined(separator: ", ")
        + ", output_file_id, error_file_id, total, completed, failed, input_tokens, cached_tokens, output_tokens, reasoning_tokens, "
        + "errors, metadata, model, output_expires_after"

    /// The `active` statuses as an SQL list: `('validating', …)`.
    public static let activeStatusList = "(" + BatchStatus.active.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    /// `errors` as the JSON text stored; nil when there are none.
    public var errorsJSON: String? {
        guard !errors.isEmpty, let data = try? JSONEncoder().encode(errors) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// `metadata` as the JSON text stored.
    public var metadataJSON: String? {
        guard let metadata, let data = try? JSONEncoder().encode(metadata) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    public static func errors(fromJSON text: String?) -> [BatchInputError] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([BatchInputError].self, from: Data(text.utf8))) ?? []
    }

    public static func metadata(fromJSON text: String?) -> [String: String]? {
        guard let text else { return nil }
        return try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }
}

extension BatchLineResult {
    /// The result's columns in `switchyard_batch_lines`: result_id, status_code, request_id,
    /// response, error_code, error_message.
    public var columnValues: (id: String, status: Int?, requestID: String?, response: String?, errorCode: String?, errorMessage: String?) {
        switch self {
        case .answered(let id, let status, let requestID, let body): (id, status, requestID, body, nil, nil)
        case .notRun(let id, let code, let message): (id, nil, nil, nil, code, message)
        }
    }

    /// The result those columns hold; nil for a line without one (no `result_id`).
    public init?(id: String?, status: Int?, requestID: String?, response: String?, errorCode: String?, errorMessage: String?) {
        guard let id else { return nil }
        if let status {
            self = .answered(id: id, status: status, requestID: requestID ?? "", body: response ?? "")
        } else {
            self = .notRun(id: id, code: errorCode ?? "batch_line_not_run", message: errorMessage ?? "")
        }
    }
}
