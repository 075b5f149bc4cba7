/// What a provider said about a job, in its own API, reduced to what the gateway acts on.
public struct ProviderJobSnapshot: Sendable, Hashable {
    /// Where the job stands upstream.
    public enum State: Sendable, Hashable {
        /// Not started yet, or running; `progress` 0–100 when the provider reports one.
        case queued(progress: Int?)
        case running(progress: Int?)
        /// Finished; its content can be downloaded (from `location` when the provider gave
        /// one, else from the provider's content endpoint for the job).
        case succeeded(location: String?)
        case failed(code: String, message: String)
    }

    /// The provider's handle for the job: an OpenAI `video_…` id, a Gemini operation name.
    public var upstreamID: String
    public var state: State

    public init(upstreamID: String, state: State) {
        self.upstreamID = upstreamID
        self.state = state
    }
}
