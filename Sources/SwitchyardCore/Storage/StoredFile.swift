/// One file of the Files API as stored: who owns it, what it is, and whether its upload has
/// completed. Its bytes live in a `FileBlobStore` under the same id.
public struct StoredFile: Sendable, Hashable {
    /// Where an upload stands. Only `processed` files are visible to anyone.
    public enum Status: String, Sendable, Hashable {
        /// The bytes are still arriving (or the upload was abandoned and awaits pruning).
        case uploading
        /// Complete: listed, readable, counted against storage quotas.
        case processed
    }

    /// `file-…`, as the gateway issued it.
    public var id: String
    /// The token hash of the key that uploaded it; `master` for the master key, `open` on a
    /// gateway without auth (as `StoredResponse.ownerKeyHash`).
    public var ownerKeyHash: String
    /// The key's team at upload time: its members may read the file too.
    public var teamID: String?
    public var filename: String
    /// One of OpenAI's purposes (`FilePurpose`), kept as written.
    public var purpose: String
    public var bytes: Int64
    /// Unix seconds.
    public var createdAt: Double
    /// Unix seconds after which the file is gone; nil keeps it until deleted.
    public var expiresAt: Double?
    public var status: Status

    public init(
        id: String,
        ownerKeyHash: String,
        teamID: String? = nil,
        filename: String,
        purpose: String,
        bytes: Int64,
        createdAt: Double,
        expiresAt: Double? = nil,
        status: Status = .processed
    ) {
        self.id = id
        self.ownerKeyHash = ownerKeyHash
        self.teamID = teamID
        self.filename = filename
        self.purpose = purpose
        self.bytes = bytes
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.status = status
    }

    /// Whether the file is complete and not expired at `now`.
    public func isLive(at now: Double) -> Bool {
        status == .processed && (expiresAt.map { $0 > now } ?? true)
    }
}
