import Crypto
import Foundation
import NIOCore

/// Signs HTTP requests with AWS Signature Version 4 (header form), as botocore's `SigV4Auth` does.
///
/// Pure: the caller passes the time. `sign` returns the headers to add (`x-amz-date`,
/// `x-amz-security-token` with temporary credentials, `x-amz-content-sha256`, `authorization`);
/// the caller must send every header it passed in `headers` unchanged, since they are signed.
///
/// The canonical URI follows SigV4 for services other than S3: the path exactly as it appears
/// in `url` (already percent-encoded for the wire) is normalised and URI-encoded again, so a
/// Bedrock model id `…-v1:0`, sent as `…-v1%3A0`, signs as `…-v1%253A0`. The query is sorted,
/// taken as already encoded (botocore does the same for a query in the URL).
public struct SigV4Signer: Sendable {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// The session token of temporary credentials; sent and signed as `x-amz-security-token`.
    public var sessionToken: String?
    public var region: String
    /// The signing name: `bedrock` for Bedrock Runtime.
    public var service: String
    /// Whether to add and sign `x-amz-content-sha256`. Bedrock accepts either; botocore's
    /// Bedrock client leaves it out, S3 requires it.
    public var addsContentSHA256Header: Bool

    public init(
        accessKeyID: String,
        secretAccessKey: String,
        sessionToken: String? = nil,
        region: String,
        service: String,
        addsContentSHA256Header: Bool = true
    ) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.region = region
        self.service = service
        self.addsContentSHA256Header = addsContentSHA256Header
    }

    /// The headers to add to a request so AWS accepts it.
    public func sign(
        method: String,
        url: String,
        headers: [(name: String, value: String)],
        body: [UInt8],
        date: Date
    ) -> [(name: String, value: String)] {
        signature(method: method, url: url, headers: headers, payloadHash: Self.sha256Hex(body), date: date).headers
    }

    /// The headers to add to a request whose body is the readable bytes of `body`.
    public func sign(
        method: String,
        url: String,
        headers: [(name: String, value: String)],
        body: ByteBuffer,
        date: Date
    ) -> [(name: String, value: String)] {
        var hasher = SHA256()
        body.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        let hash = hasher.finalize()
        return signature(method: method, url: url, headers: headers, payloadHash: Self.hex(hash), date: date).headers
    }

    /// Every intermediate value of a signature, for tests and debugging.
    public func signature(
        method: String,
        url: String,
        headers: [(name: String, value: String)],
        payloadHash: String,
        date: Date
    ) -> SigV4Signature {
        let amzDate = SigV4Date(date)
        var added: [(name: String, value: String)] = [("x-amz-date", amzDate.timestamp)]
        if let sessionToken, !sessionToken.isEmpty {
            added.append(("x-amz-security-token", sessionToken))
        }
        if addsContentSHA256Header {
            added.append(("x-amz-content-sha256", payloadHash))
        }
        let parts = SigV4URL(url)
        let replaced = Set(added.map { $0.name })
        let kept = headers.filter { !replaced.contains($0.name.lowercased()) && $0.name.lowercased() != "authorization" }
        let canonical = SigV4CanonicalHeaders(kept + added, defaultHost: parts.hostHeader)
        let canonicalRequest = [
            method.uppercased(),
            parts.canonicalURI,
            parts.canonicalQuery,
            canonical.block + "\n",
            canonical.signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let scope = "\(amzDate.day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256",
            amzDate.timestamp,
            scope,
            Self.sha256Hex(Array(canonicalRequest.utf8)),
        ].joined(separator: "\n")
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signingKey(day: amzDate.day)))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(accessKeyID)/\(scope), SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
        return SigV4Signature(
            canonicalRequest: canonicalRequest,
            stringToSign: stringToSign,
            signature: signature,
            signedHeaders: canonical.signedHeaders,
            headers: added + [("authorization", authorization)]
        )
    }

    /// `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request")`.
    func signingKey(day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + secretAccessKey).utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        HexDigits.encode(digest)
    }
}
