import Foundation

extension GatewayError {
    /// The gateway error for a Bedrock exception, from an HTTP error answer or a stream's
    /// exception message.
    ///
    /// `type` is the exception name in either spelling (`ThrottlingException` in the
    /// `x-amzn-ErrorType` header, `throttlingException` in a stream) and may carry botocore's
    /// `:http://…` suffix. The status is `status` when the HTTP answer gave one, else the
    /// status Bedrock documents for the exception (502 for an unknown one). The exception name
    /// is kept in `upstreamType`.
    public init(bedrockException type: String, message: String, status: Int? = nil) {
        let name = String(type.split(separator: ":", maxSplits: 1).first ?? "")
        let resolved = status ?? Self.bedrockStatus(forException: name)
        self.init(.upstream(status: resolved), message.isEmpty ? "Bedrock returned \(name.isEmpty ? "an error" : name)." : message)
        upstreamType = name.isEmpty ? nil : name
    }

    /// The gateway error for a Bedrock HTTP error answer: its status, the JSON body's
    /// `message` and the `x-amzn-ErrorType` header (or the body's `__type`).
    public init(bedrockStatus status: Int, body: [UInt8], errorTypeHeader: String? = nil) {
        let json = try? JSONDecoder().decode(JSONValue.self, from: Data(body))
        let message = json?["message"]?.stringValue ?? json?["Message"]?.stringValue
            ?? String(decoding: body.prefix(2000), as: UTF8.self)
        let type = errorTypeHeader ?? json?["__type"]?.stringValue.map { String($0.split(separator: "#").last ?? "") } ?? ""
        self.init(bedrockException: type, message: message, status: status)
    }

    /// The HTTP status Bedrock Runtime's service model gives each exception.
    static func bedrockStatus(forException name: String) -> Int {
        var key = name.lowercased()
        if key.hasSuffix("exception") { key.removeLast("exception".count) }
        switch key {
        case "validation", "servicequotaexceeded", "conflict": return 400
        case "accessdenied": return 403
        case "resourcenotfound": return 404
        case "modeltimeout": return 408
        case "modelerror", "modelstreamerror": return 424
        case "throttling", "modelnotready": return 429
        case "internalserver": return 500
        case "serviceunavailable": return 503
        default: return 502
        }
    }
}
