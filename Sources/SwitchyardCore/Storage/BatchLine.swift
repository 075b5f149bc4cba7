/// One request of a batch, as validation stored it, and its result once it has one.
public struct BatchLine: Sendable, Hashable {
    /// Its place among the batch's requests, from 0: output files keep this order.
    public var index: Int
    public var customID: String
    /// The line's `body` object, as JSON text written in the input file.
    public var body: String
    /// Nil until the line has run (or could not): a line with a result never runs again.
    public var result: BatchLineResult?

    public init(index: Int, customID: String, body: String, result: BatchLineResult? = nil) {
        self.index = index
        self.customID = customID
        self.body = body
        self.result = result
    }
}

/// How one line of a batch ended.
public enum BatchLineResult: Sendable, Hashable {
    /// The operation answered, with any status: `body` is its JSON answer (an error
    /// envelope for a non-2xx one). `id` is the output line's `batch_req_…`, `requestID` the
    /// request's id in the spend log.
    case answered(id: String, status: Int, requestID: String, body: String)
    /// The line never ran (the completion window closed first): OpenAI's `error` object.
    case notRun(id: String, code: String, message: String)

    /// The output line's `batch_req_…` id.
    public var id: String {
        switch self {
        case .answered(let id, _, _, _), .notRun(let id, _, _): id
        }
    }

    /// Whether the line goes to the output file (a 2xx answer) rather than the error file.
    public var succeeded: Bool {
        if case .answered(_, let status, _, _) = self { return (200..<300).contains(status) }
        return false
    }
}
