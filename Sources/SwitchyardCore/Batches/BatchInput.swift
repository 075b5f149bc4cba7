import NIOCore

/// A batch's input file, validated as OpenAI validates one: JSON Lines, each
/// `{"custom_id", "method": "POST", "url": <the batch's endpoint>, "body": {"model", …}}`.
///
/// A file with any bad line is refused as a whole, the batch `failed` with `errors` naming
/// each line (counted from 1) and its field. Bodies are otherwise left to the operation: a
/// line whose body the operation refuses runs and is answered with that 400, as OpenAI does.
public struct BatchInput: Sendable {
    /// The requests, in file order; empty when `errors` is not.
    public var lines: [BatchLine] = []
    public var errors: [BatchInputError] = []
    /// The model every line named, when they all named the same one.
    public var model: String?

    /// Requests a batch may hold, as at OpenAI.
    public static let maxLines = 50_000
    /// Errors listed at most; a file with more is refused for the first ones.
    public static let maxErrors = 100

    /// Validates `bytes` for a batch calling `endpoint` (`/v1/chat/completions`…).
    public init(validating bytes: ByteBuffer, endpoint: String) {
        var models = Set<String>()
        var customIDs = Set<String>()
        var lineNumber = 0
        bytes.withUnsafeReadableBytes { raw in
            var start = 0
            while start < raw.count, errors.count < Self.maxErrors {
                let end = raw[start...].firstIndex(of: UInt8(ascii: "\n")) ?? raw.count
                lineNumber += 1
                let text = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                start = end + 1
                // Blank lines (a trailing newline, CRLF endings) are not requests.
                if text.allSatisfy(JSONScanner.isWhitespace) { continue }
                switch Self.request(in: text, line: lineNumber, endpoint: endpoint) {
                case .failure(let error):
                    errors.append(error)
                case .success(let (customID, model, body)):
                    guard customIDs.insert(customID).inserted else {
                        errors.append(BatchInputError(
                            code: "duplicate_custom_id", message: "The custom_id '\(customID)' is used by an earlier line; each must be unique.",
                            line: lineNumber, param: "custom_id"
                        ))
                        continue
                    }
                    models.insert(model)
                    lines.append(BatchLine(index: lines.count, customID: customID, body: body))
                }
            }
        }
        if errors.isEmpty, lines.isEmpty {
            errors.append(BatchInputError(code: "empty_file", message: "The input file holds no requests."))
        }
        if errors.isEmpty, lines.count > Self.maxLines {
            errors.append(BatchInputError(
                code: "too_many_requests_in_file", message: "The input file holds \(lines.count) requests; a batch takes at most \(Self.maxLines)."
            ))
        }
        if !errors.isEmpty { lines = [] }
        model = models.count == 1 ? models.first : nil
    }

    /// An input file refused before its lines were read (gone, or too large).
    public init(refusing error: BatchInputError) {
        errors = [error]
    }

    /// One line's custom_id, model and body text, or why it is not a request.
    private static func request(
        in text: UnsafeRawBufferPointer, line: Int, endpoint: String
    ) -> Result<(customID: String, model: String, body: String), BatchInputError> {
        func refuse(_ code: String, _ message: String, param: String? = nil) -> Result<(customID: String, model: String, body: String), BatchInputError> {
            .failure(BatchInputError(code: code, message: message, line: line, param: param))
        }
        guard let index = try? JSONScanner.indexObject(text) else {
            return refuse("invalid_json_line", "This line is not parseable as a JSON object.")
        }
        guard let customID = index.string("custom_id", in: text), !customID.isEmpty else {
            return refuse("missing_required_parameter", "Each line needs a custom_id: a non-empty string.", param: "custom_id")
        }
        guard let method = index.string("method", in: text) else {
            return refuse("missing_required_parameter", "Each line needs a method: POST.", param: "method")
        }
        guard method.uppercased() == "POST" else {
            return refuse("invalid_method", "The method '\(method)' is not supported; batch lines are POST requests.", param: "method")
        }
        guard let url = index.string("url", in: text) else {
            return refuse("missing_required_parameter", "Each line needs a url: the batch's endpoint, \(endpoint).", param: "url")
        }
        guard url == endpoint else {
            return refuse("invalid_url", "The url '\(url)' does not match the batch's endpoint, \(endpoint).", param: "url")
        }
        guard let member = index.member("body"), member.kind == .object, let body = index.object("body", in: text) else {
            return refuse("missing_required_parameter", "Each line needs a body: a JSON object, the request.", param: "body")
        }
        guard let model = body.index.string("model", in: body.bytes), !model.isEmpty else {
            return refuse("missing_required_parameter", "The body needs a model: a non-empty string.", param: "body.model")
        }
        if body.index.bool("stream", in: body.bytes) == true {
            return refuse("stream_not_supported", "Batch lines cannot stream; remove \"stream\": true.", param: "body.stream")
        }
        return .success((customID, model, String(decoding: body.bytes, as: UTF8.self)))
    }
}
