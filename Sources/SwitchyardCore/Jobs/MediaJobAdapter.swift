import NIOCore

/// How one provider's job API is spoken: the requests that submit, remix, poll and download a
/// job, and how its answers read. Pure: it builds requests and reads bodies; the gateway sends.
public protocol MediaJobAdapter: Sendable {
    /// The request that starts `spec` on `deployment` as `upstreamModel`.
    func submit(_ spec: JobSpec, deployment: Deployment, upstreamModel: String) throws(GatewayError) -> UpstreamRequest
    /// The request that starts a remix of the provider's job `upstreamID`.
    func remix(upstreamID: String, prompt: String, deployment: Deployment) throws(GatewayError) -> UpstreamRequest
    /// The job as the answer to a submit or a remix describes it.
    func submitted(_ body: ByteBuffer) throws(GatewayError) -> ProviderJobSnapshot
    /// The request that asks where the job stands.
    func poll(upstreamID: String, deployment: Deployment) throws(GatewayError) -> UpstreamRequest
    /// Where the job stands, from the answer to `poll`.
    func polled(_ body: ByteBuffer, upstreamID: String) throws(GatewayError) -> ProviderJobSnapshot
    /// The request that downloads the finished content (`location` when the provider gave one).
    func download(upstreamID: String, location: String?, deployment: Deployment) throws(GatewayError) -> UpstreamRequest
}

extension ProviderKind {
    /// The job API of this provider for `kind`, nil when it makes no such jobs.
    public func jobAdapter(_ kind: MediaJob.Kind) -> (any MediaJobAdapter)? {
        switch (self, kind) {
        case (.openai, .video), (.mock, .video): OpenAIStyleJobAdapter(provider: self, operation: .videos)
        case (.mock, .music): OpenAIStyleJobAdapter(provider: self, operation: .musicGenerations)
        case (.gemini, .video): VeoJobAdapter()
        default: nil
        }
    }
}

extension UpstreamRequest {
    /// This request as a `method` with no body, to `url` with `path` appended before any query.
    func with(method: String, appending path: String) -> UpstreamRequest {
        var copy = self
        copy.method = method
        copy.body = ByteBuffer()
        if let query = url.firstIndex(of: "?") {
            copy.url = String(url[..<query]) + path + String(url[query...])
        } else {
            copy.url = url + path
        }
        copy.headers = headers.filter { $0.name.lowercased() != "content-type" }
        return copy
    }
}
