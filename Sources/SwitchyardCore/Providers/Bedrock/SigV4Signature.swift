/// The pieces of one SigV4 signature.
public struct SigV4Signature: Sendable {
    public var canonicalRequest: String
    public var stringToSign: String
    /// The hex HMAC.
    public var signature: String
    /// `host;x-amz-date;…`
    public var signedHeaders: String
    /// The headers to add, `authorization` last.
    public var headers: [(name: String, value: String)]

    /// The `authorization` header's value.
    public var authorization: String {
        headers.last { $0.name == "authorization" }?.value ?? ""
    }
}
