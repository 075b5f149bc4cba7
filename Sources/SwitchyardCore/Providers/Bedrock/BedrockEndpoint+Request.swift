import Foundation
import NIOCore

extension BedrockEndpoint {
    /// The signed upstream request for a Converse body.
    ///
    /// A deployment with an `api_key` uses it as a Bedrock API key (`Authorization: Bearer`);
    /// otherwise the request is signed with SigV4 (service `bedrock`) from
    /// `aws_access_key_id`, `aws_secret_access_key` and `aws_session_token`. A deployment with
    /// neither fails with a 502 naming the missing credential. `date` is the signing time.
    public func request(
        for deployment: Deployment,
        modelID: String,
        stream: Bool,
        body: ByteBuffer,
        date: Date
    ) throws(GatewayError) -> UpstreamRequest {
        let url = url(modelID: modelID, stream: stream)
        // The headers botocore sends: no `accept`, the answer's content type follows the path.
        var headers: [(name: String, value: String)] = [("content-type", "application/json")]
        for (name, value) in deployment.extraHeaders.sorted(by: { $0.key < $1.key }) {
            headers.append((name, value))
        }
        if let key = deployment.apiKey, !key.isEmpty {
            headers.append(("authorization", "Bearer \(key)"))
        } else {
            let signer = try SigV4Signer(bedrock: deployment, region: region)
            headers += signer.sign(method: "POST", url: url, headers: headers, body: body, date: date)
        }
        return UpstreamRequest(url: url, headers: headers, body: body, tls: deployment.tlsTrust)
    }
}

extension SigV4Signer {
    /// A signer for Bedrock Runtime with the deployment's AWS credentials.
    public init(bedrock deployment: Deployment, region: String) throws(GatewayError) {
        let params = deployment.extraParams
        func value(_ name: String) -> String? {
            params[name]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let accessKey = value("aws_access_key_id") else {
            throw Self.missing("aws_access_key_id", "AWS_ACCESS_KEY_ID", deployment)
        }
        guard let secret = value("aws_secret_access_key") else {
            throw Self.missing("aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", deployment)
        }
        self.init(
            accessKeyID: accessKey,
            secretAccessKey: secret,
            sessionToken: value("aws_session_token"),
            region: region,
            service: "bedrock"
        )
    }

    private static func missing(_ param: String, _ variable: String, _ deployment: Deployment) -> GatewayError {
        GatewayError(
            .upstreamUnavailable,
            "Bedrock deployment `\(deployment.id)` has no AWS credentials: set \(param) (or \(variable)), or an api_key.",
            param: param
        )
    }
}
