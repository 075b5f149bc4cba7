/// The small fields of a `POST /v1/files` form besides `file`, and OpenAI's rules for them:
/// `purpose` is required and one of the purposes OpenAI accepts; `expires_after[anchor]`
/// (`created_at`) with `expires_after[seconds]` (3600 to 2592000) sets when the file expires.
/// `batch` files expire after 30 days unless the client says otherwise, as OpenAI's do.
public struct FileUploadFields: Sendable, Hashable {
    /// The purposes a client may upload with.
    public static let purposes = ["assistants", "batch", "fine-tune", "vision", "user_data", "evals"]
    /// The lifetime OpenAI gives `batch` files when none is asked for.
    public static let batchLifetime: Double = 30 * 86_400
    public static let lifetimeRange: ClosedRange<Int> = 3_600...2_592_000
    /// The form fields the gateway reads; other non-file fields are ignored.
    public static let names: Set<String> = ["purpose", "expires_after[anchor]", "expires_after[seconds]"]

    public var purpose: String?
    public var anchor: String?
    public var seconds: String?

    public init(purpose: String? = nil, anchor: String? = nil, seconds: String? = nil) {
        self.purpose = purpose
        self.anchor = anchor
        self.seconds = seconds
    }

    /// Records a form field; answers false for fields the upload does not read.
    @discardableResult
    public mutating func set(_ name: String, _ value: String) -> Bool {
        switch name {
        case "purpose": purpose = value
        case "expires_after[anchor]": anchor = value
        case "expires_after[seconds]": seconds = value
        default: return false
        }
        return true
    }

    /// The purpose, checked: a 400 naming `purpose` when it is missing or not one of OpenAI's.
    public func validPurpose() throws(GatewayError) -> String {
        guard let purpose else {
            throw GatewayError(.invalidRequest, "Missing required parameter: 'purpose'.", param: "purpose", code: "missing_required_parameter")
        }
        guard Self.purposes.contains(purpose) else {
            throw GatewayError(
                .invalidRequest, "Invalid value for 'purpose': '\(purpose)'. Expected one of: \(Self.purposes.joined(separator: ", ")).",
                param: "purpose", code: "invalid_value"
            )
        }
        return purpose
    }

    /// Seconds from creation to expiry: the client's `expires_after`, else 30 days for `batch`
    /// files, else nil (kept until deleted).
    public func lifetime() throws(GatewayError) -> Double? {
        if anchor == nil, seconds == nil {
            return purpose == "batch" ? Self.batchLifetime : nil
        }
        guard anchor == "created_at" else {
            throw GatewayError(
                .invalidRequest, "Invalid value for 'expires_after[anchor]': expected 'created_at'.", param: "expires_after[anchor]",
                code: "invalid_value"
            )
        }
        guard let text = seconds, let value = Int(text), Self.lifetimeRange.contains(value) else {
            throw GatewayError(
                .invalidRequest,
                "Invalid value for 'expires_after[seconds]': expected a whole number from \(Self.lifetimeRange.lowerBound) to \(Self.lifetimeRange.upperBound).",
                param: "expires_after[seconds]", code: "invalid_value"
            )
        }
        return Double(value)
    }
}
