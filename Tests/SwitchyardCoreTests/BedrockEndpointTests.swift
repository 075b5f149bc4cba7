import Foundation
import NIOCore
import Testing

@testable import SwitchyardCore

@Suite("Bedrock endpoint")
struct BedrockEndpointTests {
    static func deployment(_ params: [String: JSONValue], apiBase: String? = nil, apiKey: String? = nil) -> Deployment {
        Deployment(
            modelName: "claude",
            provider: .bedrock,
            upstreamModel: "anthropic.claude-3-5-sonnet-20240620-v1:0",
            litellmModel: "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0",
            apiBase: apiBase,
            apiKey: apiKey,
            extraParams: params
        )
    }

    @Test("the model id is percent-encoded once in the path")
    func paths() {
        #expect(BedrockEndpoint.path(modelID: "anthropic.claude-3-5-sonnet-20240620-v1:0", stream: false)
            == "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse")
        #expect(BedrockEndpoint.path(modelID: "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-2-1b-instruct-v1:0", stream: true)
            == "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.meta.llama3-2-1b-instruct-v1%3A0/converse-stream")
    }

    @Test("the base comes from api_base, aws_bedrock_runtime_endpoint or the region")
    func bases() throws {
        let regional = try BedrockEndpoint(deployment: Self.deployment(["aws_region_name": "eu-west-3"]))
        #expect(regional.url(modelID: "m", stream: false) == "https://bedrock-runtime.eu-west-3.amazonaws.com/model/m/converse")
        #expect(regional.region == "eu-west-3")
        let custom = try BedrockEndpoint(deployment: Self.deployment(["aws_bedrock_runtime_endpoint": "https://bedrock-runtime.ap-south-1.amazonaws.com/"]))
        #expect(custom.baseURL == "https://bedrock-runtime.ap-south-1.amazonaws.com")
        #expect(custom.region == "ap-south-1")
        let local = try BedrockEndpoint(deployment: Self.deployment(["aws_region_name": "us-west-2"], apiBase: "http://127.0.0.1:4010"))
        #expect(local.url(modelID: "m", stream: true) == "http://127.0.0.1:4010/model/m/converse-stream")
        #expect(local.region == "us-west-2")
        #expect(try BedrockEndpoint(deployment: Self.deployment([:], apiBase: "http://localhost:9")).region == "us-east-1")
    }

    @Test("no region and no endpoint is an error naming aws_region_name")
    func missingRegion() {
        do {
            _ = try BedrockEndpoint(deployment: Self.deployment([:]))
            Issue.record("expected an error")
        } catch {
            #expect(error.param == "aws_region_name")
            #expect(error.isRetryable)
        }
    }

    /// The expected authorization was computed with botocore 1.44.8's
    /// `SigV4Auth(Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    /// "SESSIONTOKENEXAMPLE"), "bedrock", "eu-west-1")` at 2024-07-01T12:00:00Z on a POST of this
    /// body to this URL with `content-type` and `X-Amz-Content-SHA256` set.
    @Test("a ConverseStream request is signed as botocore signs it")
    func signedStreamRequest() throws {
        let deployment = Self.deployment([
            "aws_region_name": "eu-west-1",
            "aws_access_key_id": "AKIDEXAMPLE",
            "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "aws_session_token": "SESSIONTOKENEXAMPLE",
        ])
        let endpoint = try BedrockEndpoint(deployment: deployment)
        let body = ByteBuffer(string: #"{"messages":[{"content":[{"text":"Hi"}],"role":"user"}]}"#)
        let request = try endpoint.request(
            for: deployment,
            modelID: "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
            stream: true,
            body: body,
            date: Date(timeIntervalSince1970: 1_719_835_200)
        )
        #expect(request.url == "https://bedrock-runtime.eu-west-1.amazonaws.com/model/us.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse-stream")
        let headers = Dictionary(request.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(headers["accept"] == nil)
        #expect(headers["x-amz-date"] == "20240701T120000Z")
        #expect(headers["x-amz-security-token"] == "SESSIONTOKENEXAMPLE")
        #expect(headers["x-amz-content-sha256"] == "d0cf73810a68223dbb8e96c7aca7e7c3c34a4a8312cda45e2cd5832fe615b2ac")
        #expect(headers["authorization"] == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240701/eu-west-1/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=59b17b4e138dee42140facc8ae053bf815f33a827354c3e0d6672f92f237e247")
    }

    @Test("an api_key is sent as a Bedrock API key instead of signing")
    func bearer() throws {
        let deployment = Self.deployment(["aws_region_name": "us-east-1"], apiKey: "ABSK-key")
        let request = try BedrockEndpoint(deployment: deployment).request(
            for: deployment, modelID: "m", stream: false, body: ByteBuffer(), date: Date(timeIntervalSince1970: 0)
        )
        #expect(request.headers.contains { $0.name == "authorization" && $0.value == "Bearer ABSK-key" })
        #expect(!request.headers.contains { $0.name == "x-amz-date" })
    }

    @Test("missing AWS credentials are an error naming the parameter")
    func missingCredentials() throws {
        let deployment = Self.deployment(["aws_region_name": "us-east-1", "aws_access_key_id": "AKID"])
        do {
            _ = try BedrockEndpoint(deployment: deployment).request(
                for: deployment, modelID: "m", stream: false, body: ByteBuffer(), date: Date(timeIntervalSince1970: 0)
            )
            Issue.record("expected an error")
        } catch {
            #expect(error.param == "aws_secret_access_key")
        }
    }
}
