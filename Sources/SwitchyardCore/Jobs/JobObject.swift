/// A job as clients read it: OpenAI's `video` object (`id`, `object`, `model`, `status`,
/// `progress`, `created_at`, `completed_at`, `expires_at`, `seconds` as a string, `size`,
/// `prompt`, `remixed_from_video_id`, `error`), and the same shape with `object: "music"` and
/// no size for music. Members without a value are written as null, as OpenAI does.
public struct JobObject: Encodable, Sendable {
    public struct Failure: Encodable, Sendable {
        public var code: String
        public var message: String
    }

    public var job: MediaJob

    public init(_ job: MediaJob) {
        self.job = job
    }

    enum CodingKeys: String, CodingKey {
        case id, object, model, status, progress, prompt, seconds, size, error
        case createdAt = "created_at"
        case completedAt = "completed_at"
        case expiresAt = "expires_at"
        case remixedFromVideoID = "remixed_from_video_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(job.id, forKey: .id)
        try container.encode(job.kind.rawValue, forKey: .object)
        try container.encode(job.model, forKey: .model)
        try container.encode(job.status.rawValue, forKey: .status)
        try container.encode(job.progress, forKey: .progress)
        try container.encode(Int(job.createdAt), forKey: .createdAt)
        try container.encode(job.completedAt.map { Int($0) }, forKey: .completedAt)
        try container.encode(job.expiresAt.map { Int($0) }, forKey: .expiresAt)
        try container.encode(String(job.seconds), forKey: .seconds)
        try container.encode(job.prompt, forKey: .prompt)
        if job.kind == .video {
            try container.encode(job.size ?? JobSpec.defaultVideoSize, forKey: .size)
            try container.encode(job.remixedFromID, forKey: .remixedFromVideoID)
        }
        let failure = job.status == .failed ? Failure(code: job.errorCode ?? "generation_failed", message: job.errorMessage ?? "The job failed.") : nil
        try container.encode(failure, forKey: .error)
    }
}
