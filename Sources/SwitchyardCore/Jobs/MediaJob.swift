/// One asynchronous generation job (a video or a music track) the gateway runs for a client:
/// what was asked, where it runs upstream, how far it is, what it holds of the budget, and
/// who may see it.
///
/// The gateway polls the provider itself (`JobLifecycle` decides each step); clients only
/// read this record. A job's hold is stored with it, so a restart or another replica settles
/// it exactly once.
public struct MediaJob: Sendable, Hashable {
    /// What a job makes.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case video, music

        /// The id prefix (`video_…`, `music_…`), which is also the wire object's `object`.
        public var idPrefix: String { rawValue + "_" }
    }

    /// `video_…` or `music_…`, issued by the gateway (never the provider's id).
    public var id: String
    public var kind: Kind
    /// The token hash of the key that made it; `master` for the master key, `open` on a
    /// gateway without auth.
    public var ownerKeyHash: String
    /// The key's team: its members see the job too.
    public var teamID: String?
    /// The model group the client asked for.
    public var model: String
    /// The deployment that runs it (`Deployment.id`), and its provider's own job handle: an
    /// OpenAI `video_…` id, a Gemini operation name.
    public var deploymentID: String
    public var upstreamID: String
    public var status: JobStatus
    /// 0–100.
    public var progress: Int
    public var prompt: String?
    /// Seconds of video or music asked for.
    public var seconds: Int
    /// `720x1280`…; nil for music.
    public var size: String?
    /// The video this one remixes.
    public var remixedFromID: String?
    public var errorCode: String?
    public var errorMessage: String?
    /// Unix seconds.
    public var createdAt: Double
    public var completedAt: Double?
    /// When the stored content is deleted.
    public var expiresAt: Double?
    /// USD held against the owner's budget until the job settles.
    public var heldCost: Double
    /// USD charged when it completed (nil until then, and for a failed job).
    public var chargedCost: Double?
    /// Whether the hold was settled: charged on completion or released on failure.
    public var settled: Bool
    /// Where the provider said the finished content is (Veo's file URI), when it said.
    public var contentLocation: String?
    /// Bytes and media type of the content the gateway stored.
    public var contentBytes: Int64?
    public var contentType: String?
    /// When the next poll is due (Unix seconds), how many polls ran, and how many failed in a row.
    public var nextPollAt: Double
    public var pollCount: Int
    public var consecutiveErrors: Int
    /// The replica polling it now, until when.
    public var leaseOwner: String?
    public var leaseUntil: Double?
    /// The submitting request's id, operation name and tags, for its spend log row.
    public var requestID: String
    public var callType: String
    public var tags: [String]

    public init(
        id: String, kind: Kind, ownerKeyHash: String, teamID: String? = nil, model: String, deploymentID: String, upstreamID: String,
        status: JobStatus = .queued, progress: Int = 0, prompt: String? = nil, seconds: Int, size: String? = nil, remixedFromID: String? = nil,
        createdAt: Double, heldCost: Double = 0, nextPollAt: Double, requestID: String, callType: String, tags: [String] = []
    ) {
        self.id = id
        self.kind = kind
        self.ownerKeyHash = ownerKeyHash
        self.teamID = teamID
        self.model = model
        self.deploymentID = deploymentID
        self.upstreamID = upstreamID
        self.status = status
        self.progress = progress
        self.prompt = prompt
        self.seconds = seconds
        self.size = size
        self.remixedFromID = remixedFromID
        self.createdAt = createdAt
        self.heldCost = heldCost
        self.settled = false
        self.nextPollAt = nextPollAt
        self.pollCount = 0
        self.consecutiveErrors = 0
        self.requestID = requestID
        self.callType = callType
        self.tags = tags
    }

    /// Whether the gateway still polls it.
    public var isRunning: Bool { status == .queued || status == .inProgress }

    /// What it used, for pricing: the seconds of video at its size, or one music track.
    public var meteredUsage: MeteredUsage {
        Self.meteredUsage(kind: kind, seconds: seconds, size: size)
    }

    /// What a job of `kind`, `seconds` long at `size`, uses.
    public static func meteredUsage(kind: Kind, seconds: Int, size: String?) -> MeteredUsage {
        switch kind {
        case .video: MeteredUsage(videoSeconds: Double(seconds), videoSize: size)
        case .music: MeteredUsage(musicTracks: 1, musicSeconds: Double(seconds))
        }
    }
}

/// A job's status, as OpenAI's video object spells it.
public enum JobStatus: String, Sendable, Hashable, CaseIterable {
    case queued
    case inProgress = "in_progress"
    case completed
    case failed
}
