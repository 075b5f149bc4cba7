import Foundation
import Testing

@testable import SwitchyardCore

/// Vectors of AWS's SigV4 test suite (as shipped in awslabs/aws-c-auth
/// `tests/aws-signing-test-suite/v4/<name>/header-*.txt`): key AKIDEXAMPLE, 2015-08-30T12:36:00Z,
/// region us-east-1, service `service`. The suite signs without `x-amz-content-sha256` except
/// where `sign_body` is set (post-x-www-form-urlencoded).
@Suite("SigV4 signer")
struct SigV4SignerTests {
    static let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    static func suiteSigner(token: String? = nil, contentHash: Bool = false) -> SigV4Signer {
        SigV4Signer(
            accessKeyID: "AKIDEXAMPLE",
            secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: token,
            region: "us-east-1",
            service: "service",
            addsContentSHA256Header: contentHash
        )
    }

    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var method: String
        var url: String
        var headers: [(name: String, value: String)]
        var body: String = ""
        var token: String?
        var signsBody = false
        var canonicalRequest: String
        var stringToSign: String
        var authorization: String
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(
            name: "get-vanilla",
            method: "GET",
            url: "https://example.amazonaws.com/",
            headers: [("Host", "example.amazonaws.com")],
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(emptyHash)",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        ),
        Vector(
            name: "post-vanilla",
            method: "POST",
            url: "https://example.amazonaws.com/",
            headers: [("Host", "example.amazonaws.com")],
            canonicalRequest: "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(emptyHash)",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"
        ),
        Vector(
            name: "get-vanilla-query-order-key-case",
            method: "GET",
            url: "https://example.amazonaws.com/?Param2=value2&Param1=value1",
            headers: [("Host", "example.amazonaws.com")],
            canonicalRequest: "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(emptyHash)",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
        ),
        Vector(
            name: "get-vanilla-with-session-token",
            method: "GET",
            url: "https://example.amazonaws.com/",
            headers: [("Host", "example.amazonaws.com")],
            token: "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267",
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-amz-security-token:6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267\n\nhost;x-amz-date;x-amz-security-token\n\(emptyHash)",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n067b36aa60031588cea4a4cde1f21215227a047690c72247f1d70b32fbbfad2b",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"
        ),
        Vector(
            name: "post-header-key-sort",
            method: "POST",
            url: "https://example.amazonaws.com/",
            headers: [("Host", "example.amazonaws.com"), ("My-Header1", "value1")],
            canonicalRequest: "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n\(emptyHash)",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;x-amz-date, Signature=c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"
        ),
        Vector(
            name: "get-utf8",
            method: "GET",
            url: "https://example.amazonaws.com/\u{1234}",
            headers: [("Host", "example.amazonaws.com")],
            canonicalRequest: "GET\n/%E1%88%B4\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(emptyHash)",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"
        ),
        Vector(
            name: "post-x-www-form-urlencoded",
            method: "POST",
            url: "https://example.amazonaws.com/",
            headers: [
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Host", "example.amazonaws.com"),
                ("Content-Length", "13"),
            ],
            body: "Param1=value1",
            signsBody: true,
            canonicalRequest: "POST\n/\n\ncontent-length:13\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-content-sha256:9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e\nx-amz-date:20150830T123600Z\n\ncontent-length;content-type;host;x-amz-content-sha256;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nb1edd1d03544c25390e32085d55b57acc9a3961bb59415ff86c45c3d89d16cfb",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date, Signature=d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b"
        ),
    ]

    @Test("AWS test suite vector", arguments: vectors)
    func suiteVector(_ vector: Vector) {
        let signer = Self.suiteSigner(token: vector.token, contentHash: vector.signsBody)
        let result = signer.signature(
            method: vector.method,
            url: vector.url,
            headers: vector.headers,
            payloadHash: SigV4Signer.sha256Hex(Array(vector.body.utf8)),
            date: Self.suiteDate
        )
        #expect(result.canonicalRequest == vector.canonicalRequest)
        #expect(result.stringToSign == vector.stringToSign)
        #expect(result.authorization == vector.authorization)
    }

    @Test("sign returns the headers to add, authorization last")
    func signReturnsHeaders() {
        let headers = Self.suiteSigner(token: "TOKEN", contentHash: true).sign(
            method: "GET",
            url: "https://example.amazonaws.com/",
            headers: [],
            body: [],
            date: Self.suiteDate
        )
        #expect(headers.map(\.name) == ["x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "authorization"])
        #expect(headers[0].value == "20150830T123600Z")
        #expect(headers[1].value == "TOKEN")
        #expect(headers[2].value == Self.emptyHash)
        #expect(headers[3].value.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"))
    }

    // MARK: botocore

    /// The body botocore 1.44.8 serialised for
    /// `converse(modelId="anthropic.claude-3-5-sonnet-20240620-v1:0", messages=[{"role": "user", "content": [{"text": "Hello"}]}])`.
    static let botocoreBody = Array(#"{"messages": [{"role": "user", "content": [{"text": "Hello"}]}]}"#.utf8)
    static let botocoreURL = "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse"
    static let botocoreDate = Date(timeIntervalSince1970: 1_719_835_200)  // 2024-07-01T12:00:00Z

    static func bedrockSigner(token: String?, contentHash: Bool, region: String = "us-east-1") -> SigV4Signer {
        SigV4Signer(
            accessKeyID: "AKIDEXAMPLE",
            secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: token,
            region: region,
            service: "bedrock",
            addsContentSHA256Header: contentHash
        )
    }

    /// Computed with botocore 1.44.8: a real `bedrock-runtime` client (region us-east-1, the
    /// credentials above, `botocore.auth.get_current_datetime` fixed at 2024-07-01T12:00:00Z)
    /// calling `converse`, its prepared request captured in a `before-send` hook. botocore sent
    /// the path `…-v1%3A0` and signed content-type, host and x-amz-date.
    @Test("matches botocore's Bedrock client", arguments: [
        (nil, "9bb5f57578f56f5fa2624562374a80de7a024b013e26aab1d5a77e867421dd1f", "content-type;host;x-amz-date"),
        ("SESSIONTOKENEXAMPLE", "ff19c60e3e76182090c84e83065b5c8577a965de9b4dac25966f2e8addcb4600", "content-type;host;x-amz-date;x-amz-security-token"),
    ] as [(String?, String, String)])
    func matchesBotocoreClient(token: String?, signature: String, signed: String) {
        let headers = Self.bedrockSigner(token: token, contentHash: false).sign(
            method: "POST",
            url: Self.botocoreURL,
            headers: [("Content-Type", "application/json")],
            body: Self.botocoreBody,
            date: Self.botocoreDate
        )
        let authorization = headers.last { $0.name == "authorization" }?.value
        #expect(authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240701/us-east-1/bedrock/aws4_request, SignedHeaders=\(signed), Signature=\(signature)")
    }

    /// Computed with botocore 1.44.8's `SigV4Auth(credentials, "bedrock", "us-east-1")` on an
    /// `AWSRequest` for the same URL and body with `Content-Type` and `X-Amz-Content-SHA256` set
    /// before signing (the header this signer adds by default). botocore's canonical URI for it
    /// was `/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse`.
    @Test("matches botocore SigV4Auth with x-amz-content-sha256", arguments: [
        (nil, "cce7312a0917d5aa0f8a36cb14b7ba4010646cba5e4482e791f01efbb4193a6d", "content-type;host;x-amz-content-sha256;x-amz-date"),
        ("SESSIONTOKENEXAMPLE", "0d8d539a1b4905ecdb74f7d458ffcf577d19a25395919c12366ad27ca03a2132", "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token"),
    ] as [(String?, String, String)])
    func matchesBotocoreWithContentHash(token: String?, signature: String, signed: String) {
        let result = Self.bedrockSigner(token: token, contentHash: true).signature(
            method: "POST",
            url: Self.botocoreURL,
            headers: [("Content-Type", "application/json")],
            payloadHash: SigV4Signer.sha256Hex(Self.botocoreBody),
            date: Self.botocoreDate
        )
        #expect(result.canonicalRequest.split(separator: "\n").dropFirst().first == "/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse")
        #expect(result.authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240701/us-east-1/bedrock/aws4_request, SignedHeaders=\(signed), Signature=\(signature)")
    }

    // MARK: Details

    @Test("the host header drops a default port and keeps another")
    func hostHeader() {
        #expect(SigV4URL("https://Example.com:443/a").hostHeader == "example.com")
        #expect(SigV4URL("http://example.com:80/").hostHeader == "example.com")
        #expect(SigV4URL("http://127.0.0.1:4010/model/x/converse").hostHeader == "127.0.0.1:4010")
        #expect(SigV4URL("https://user@example.com/").hostHeader == "example.com")
    }

    @Test("the canonical URI removes dot segments and empty segments, then encodes")
    func canonicalURI() {
        #expect(SigV4URL("https://h/a/./b/../c//d/").canonicalURI == "/a/c/d/")
        #expect(SigV4URL("https://h").canonicalURI == "/")
        #expect(SigV4URL("https://h/a b").canonicalURI == "/a%20b")
    }

    @Test("header values are trimmed and inner spaces collapsed")
    func headerValues() {
        let canonical = SigV4CanonicalHeaders([("My-Header", "  a   b  "), ("User-Agent", "x"), ("my-header", "c")], defaultHost: "h")
        #expect(canonical.block == "host:h\nmy-header:a b,c")
        #expect(canonical.signedHeaders == "host;my-header")
    }

    @Test("dates render in UTC", arguments: [
        (0.0, "19700101T000000Z"),
        (951_782_400.0, "20000229T000000Z"),
        (1_440_938_160.9, "20150830T123600Z"),
        (4_102_444_799.0, "20991231T235959Z"),
    ])
    func dates(seconds: Double, expected: String) {
        #expect(SigV4Date(Date(timeIntervalSince1970: seconds)).timestamp == expected)
    }
}
