import NIOCore

/// Azure OpenAI: the deployment is in the path, the version in `api-version`, the key in `api-key`.
///
/// An `api_base` that already ends in `/openai/v1` selects Azure's v1 API, which takes
/// OpenAI's paths with the model in the body.
public struct AzureOpenAIAdapter: ProviderAdapter {
    public init() {}

    public func request(for endpoint: Endpoint, deployment: Deployment, upstreamModel: String, body: ByteBuffer) -> UpstreamRequest {
        var headers: [(name: String, value: String)] = [("content-type", "application/json")]
        if let key = deployment.apiKey, !key.isEmpty {
            headers.append(("api-key", key))
        }
        for (name, value) in deployment.extraHeaders.sorted(by: { $0.key < $1.key }) {
            headers.append((name, value))
        }
        let base = deployment.apiBase ?? ""
        let url: String
        if base.hasSuffix("/openai/v1") {
            url = base + endpoint.path
        } else {
            let version = deployment.apiVersion ?? "2024-10-21"
            let deploymentName = upstreamModel.addingPathPercentEncoding()
            url = "\(base)/openai/deployments/\(deploymentName)\(endpoint.path)?api-version=\(version)"
        }
        return UpstreamRequest(url: url, headers: headers, body: body)
    }
}

extension String {
    /// Percent-encodes everything but RFC 3986 unreserved characters, for one path segment.
    func addingPathPercentEncoding() -> String {
        var out = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}
