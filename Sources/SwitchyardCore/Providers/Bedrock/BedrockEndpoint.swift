/// Where a Bedrock deployment's Converse API lives, and the region its requests are signed for.
///
/// The base is the deployment's `api_base`, else `aws_bedrock_runtime_endpoint`, else
/// `https://bedrock-runtime.{aws_region_name}.amazonaws.com`. The region is
/// `aws_region_name`, else the one named in a standard endpoint host, else `us-east-1`.
public struct BedrockEndpoint: Sendable, Hashable {
    /// The base URL without a trailing slash.
    public var baseURL: String
    public var region: String

    public init(baseURL: String, region: String) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.region = region
    }

    /// The endpoint of `deployment`; a 502 naming `aws_region_name` when it has neither a region
    /// nor an endpoint.
    public init(deployment: Deployment) throws(GatewayError) {
        let params = deployment.extraParams
        let region = params["aws_region_name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let custom = deployment.apiBase ?? params["aws_bedrock_runtime_endpoint"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        if let custom {
            self.init(baseURL: custom, region: region ?? Self.region(inHostOf: custom) ?? "us-east-1")
        } else if let region {
            self.init(baseURL: "https://bedrock-runtime.\(region).amazonaws.com", region: region)
        } else {
            throw GatewayError(
                .upstreamUnavailable,
                "Bedrock deployment `\(deployment.id)` has no region: set aws_region_name (or AWS_REGION) or aws_bedrock_runtime_endpoint.",
                param: "aws_region_name"
            )
        }
    }

    /// The URL of Converse (`stream` false) or ConverseStream for `modelID`.
    public func url(modelID: String, stream: Bool) -> String {
        baseURL + Self.path(modelID: modelID, stream: stream)
    }

    /// `/model/{modelId}/converse` or `/converse-stream`, the id percent-encoded once as one
    /// path segment (`…-v1:0` → `…-v1%3A0`, an ARN's `/` → `%2F`), as botocore sends it.
    public static func path(modelID: String, stream: Bool) -> String {
        "/model/\(SigV4Encoding.encode(modelID, keepingSlash: false))/\(stream ? "converse-stream" : "converse")"
    }

    /// The region in a `bedrock-runtime.{region}.amazonaws.com` style host, if any.
    static func region(inHostOf url: String) -> String? {
        let afterScheme = url.range(of: "://").map { url[$0.upperBound...] } ?? Substring(url)
        let host = afterScheme.prefix { $0 != "/" && $0 != ":" && $0 != "?" }
        let labels = host.split(separator: ".")
        guard let runtime = labels.firstIndex(where: { $0.hasPrefix("bedrock-runtime") }),
            runtime + 1 < labels.count, labels[(runtime + 1)...].contains("amazonaws")
        else { return nil }
        let candidate = labels[runtime + 1]
        return candidate.contains("-") ? String(candidate) : nil
    }
}
