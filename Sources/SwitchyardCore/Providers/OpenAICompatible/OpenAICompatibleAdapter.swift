import NIOCore

/// OpenAI itself and every server that speaks its API under a `/v1`-style base URL
/// (vLLM, Ollama, Groq, DeepSeek, OpenRouter, Mistral, Together, Fireworks, xAI, Cohere).
public struct OpenAICompatibleAdapter: ProviderAdapter {
    public init() {}

    public func request(for endpoint: Endpoint, deployment: Deployment, upstreamModel: String, body: ByteBuffer) -> UpstreamRequest {
        var headers: [(name: String, value: String)] = [("content-type", "application/json")]
        if let key = deployment.apiKey, !key.isEmpty {
            headers.append(("authorization", "Bearer \(key)"))
        }
        if let organization = deployment.organization {
            headers.append(("openai-organization", organization))
        }
        for (name, value) in deployment.extraHeaders.sorted(by: { $0.key < $1.key }) {
            headers.append((name, value))
        }
        let base = deployment.apiBase ?? deployment.provider.defaultAPIBase ?? ""
        return UpstreamRequest(url: base + endpoint.path, headers: headers, body: body)
    }
}
