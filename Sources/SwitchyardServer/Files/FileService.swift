import Logging
import NIOCore
import SwitchyardCore

/// The gateway's stored files: uploads streamed to a blob store under the owner's storage
/// limits, reads checked against the owner, and pruning of expired files. The Files API routes
/// use it, and so does any code that reads a client's file (a `file_id` in a chat request) or
/// writes one of its own (a batch's output).
///
/// A file's row is written first as `uploading`, its bytes stream to the blob store, and only
/// when both are complete does it become `processed`: visible, listed, counted.
final class FileService: Sendable {
    let store: any FileStore
    let blobs: any FileBlobStore
    let quota: StorageQuota
    let clock: any GatewayClock
    /// The largest file taken (`max_file_size_mb`).
    let maxFileBytes: Int64

    /// What a multipart body may carry besides its file's bytes (part headers, the small
    /// fields, delimiters), allowed over a limit when a declared length is judged.
    static let formAllowance: Int64 = 64 * 1024

    /// An upload begun: its hold on the owner's limits, and once its bytes began arriving, its row.
    final class Upload: Sendable {
        let owner: ResourceOwner
        let hold: StorageQuota.Hold
        /// The largest the file may grow.
        let maxBytes: Int64

        fileprivate init(owner: ResourceOwner, hold: StorageQuota.Hold, maxBytes: Int64) {
            self.owner = owner
            self.hold = hold
            self.maxBytes = maxBytes
        }
    }

    init(store: any FileStore, blobs: any FileBlobStore, quota: StorageQuota, clock: any GatewayClock, maxFileBytes: Int64) {
        self.store = store
        self.blobs = blobs
        self.quota = quota
        self.clock = clock
        self.maxFileBytes = maxFileBytes
    }

    // MARK: Reading

    /// The file `id` when it is complete, unexpired, and `owner` may see it (its key, its
    /// team, or an admin); nil otherwise, as if it did not exist.
    func file(id: String, owner: ResourceOwner) async throws -> StoredFile? {
        guard let file = try await storing({ try await store.file(id: id) }), file.isLive(at: clock.wallTime()),
            owner.mayAccess(ownerKeyHash: file.ownerKeyHash, teamID: file.teamID, admins: .everything)
        else { return nil }
        return file
    }

    /// The file's bytes, chunk by chunk as the blob store reads them.
    func contents(of file: StoredFile) -> FileContents {
        FileContents(blobs: blobs, id: file.id, bytes: file.bytes)
    }

    /// The whole content of a small file; a 413 when it is larger than `limit` bytes.
    func bytes(of file: StoredFile, limit: Int) async throws -> ByteBuffer {
        guard file.bytes <= Int64(limit) else {
            throw GatewayError(.payloadTooLarge, "File \(file.id) is \(file.bytes) bytes; at most \(limit) are read here.", code: "file_too_large")
        }
        var whole = ByteBuffer()
        whole.reserveCapacity(Int(file.bytes))
        for try await var chunk in contents(of: file) { whole.writeBuffer(&chunk) }
        return whole
    }

    /// One page of the files `owner` may see.
    func list(_ query: FileQuery) async throws -> CursorPage<StoredFile> {
        let window = try await storing { try await store.files(query) }
        return CursorPage(window: window, id: \.id, limit: query.limit, backwards: query.scansBackwards)
    }

    /// What `owner` stores and may store: of the limits it has, the one with least room left
    /// (a key's own, or its team's); with none, what its key stores and no limit.
    func usage(of owner: ResourceOwner) async throws -> (used: Int64, limit: Int64?) {
        let now = clock.wallTime()
        var binding: (used: Int64, limit: Int64?)?
        for limit in quota.limits(for: owner) {
            let used = try await storing { try await store.storageUsed(by: limit.scope, at: now) }
            if let current = binding, let bound = current.limit, bound - current.used <= limit.bytes - used { continue }
            binding = (used, limit.bytes)
        }
        if let binding { return binding }
        return (try await storing { try await store.storageUsed(by: .key(hash: owner.keyHash), at: now) }, nil)
    }

    // MARK: Writing

    /// Stores a file the gateway makes on `owner`'s behalf, under the same limits as an upload;
    /// with `withinLimits` false (a batch's output, whose lines were already paid for), it is
    /// written whatever room or largest size is left, and then counts as stored like any other.
    func create<Contents: AsyncSequence>(
        owner: ResourceOwner, filename: String, purpose: String, lifetime: Double?, withinLimits: Bool = true, from contents: Contents
    ) async throws -> StoredFile where Contents.Element == ByteBuffer {
        let upload = withinLimits ? try await begin(owner: owner, declaredBytes: nil) : Upload(owner: owner, hold: quota.unlimitedHold(), maxBytes: .max)
        var written: StoredFile?
        do {
            let file = try await write(upload, filename: filename, contents: contents)
            written = file
            return try await publish(upload, file: file, purpose: purpose, lifetime: lifetime)
        } catch {
            await abandon(upload, file: written)
            throw error
        }
    }

    /// Begins an upload for `owner`. A declared body length that cannot fit (the largest file
    /// or the room left under a limit, with `formAllowance` for the form around the file) is
    /// refused here, before any byte is read. `abandon` or `publish` must end it.
    func begin(owner: ResourceOwner, declaredBytes: Int64?) async throws -> Upload {
        if let declaredBytes, declaredBytes > maxFileBytes + Self.formAllowance { throw Self.tooLarge(maxFileBytes) }
        let hold = try await storing { try await quota.hold(for: owner) }
        let upload = Upload(owner: owner, hold: hold, maxBytes: maxFileBytes)
        if let declaredBytes, let tightest = quota.tightest(hold), declaredBytes > tightest.limit.bytes - tightest.held + Self.formAllowance {
            quota.release(hold)
            throw StorageQuota.exceeded(tightest.limit, held: tightest.held)
        }
        return upload
    }

    /// Streams `contents` to the blob store as the upload's file: its row is written first
    /// (`uploading`, invisible), then the bytes, counted against the limits as they come.
    func write<Contents: AsyncSequence>(_ upload: Upload, filename: String, contents: Contents) async throws -> StoredFile
    where Contents.Element == ByteBuffer {
        var file = StoredFile(
            id: Self.newID(), ownerKeyHash: upload.owner.keyHash, teamID: upload.owner.teamID, filename: filename, purpose: "",
            bytes: 0, createdAt: clock.wallTime(), status: .uploading
        )
        try await storing { try await store.insertFile(file) }
        let metered = MeteredUpload(base: contents, maxBytes: upload.maxBytes, quota: quota, hold: upload.hold)
        file.bytes = try await blobs.write(id: file.id, contents: metered)
        return file
    }

    /// Completes an upload: the file becomes visible and counts as stored.
    func publish(_ upload: Upload, file: StoredFile, purpose: String, lifetime: Double?) async throws -> StoredFile {
        var file = file
        file.purpose = purpose
        file.expiresAt = lifetime.map { file.createdAt + $0 }
        file.status = .processed
        let published = file
        try await storing { try await store.updateFile(published) }
        quota.complete(upload.hold)
        return file
    }

    /// Ends an upload that failed: its bytes and row (when written) are removed and its hold
    /// released. Failures to remove are left to `prune`, which removes abandoned uploads.
    func abandon(_ upload: Upload, file: StoredFile?) async {
        quota.release(upload.hold)
        guard let file else { return }
        try? await blobs.delete(id: file.id)
        _ = try? await store.deleteFile(id: file.id)
    }

    /// Deletes a file: its row first, so it is gone at once, then its bytes.
    func delete(_ file: StoredFile, logger: Logger) async throws {
        _ = try await storing { try await store.deleteFile(id: file.id) }
        quota.forget(file)
        do {
            try await blobs.delete(id: file.id)
        } catch {
            logger.warning("a deleted file's bytes could not be removed", metadata: ["switchyard.file_id": .string(file.id), "switchyard.error": .string("\(error)")])
        }
    }

    // MARK: Pruning

    /// How long an upload may stay `uploading` before it counts as abandoned.
    static let abandonedAfter: Double = 86_400

    /// Removes files that expired, and uploads abandoned a day ago; answers how many.
    func prune() async throws -> Int {
        let now = clock.wallTime()
        var removed = 0
        while true {
            let ids = try await store.filesToPrune(now: now, abandonedBefore: now - Self.abandonedAfter, limit: 500)
            for id in ids {
                try await blobs.delete(id: id)
                if try await store.deleteFile(id: id) { removed += 1 }
            }
            if ids.count < 500 { return removed }
        }
    }

    // MARK: Helpers

    static func newID() -> String { "file-" + HexDigits.random(bytes: 12) }

    static func tooLarge(_ maxBytes: Int64) -> GatewayError {
        GatewayError(
            .payloadTooLarge, "The file is larger than the largest this gateway takes, \(maxBytes) bytes (max_file_size_mb).", param: "file",
            code: "file_too_large"
        )
    }

    /// Runs a store call, reporting a failure as the store being unavailable (never a 500).
    private func storing<T>(_ body: () async throws -> T) async throws -> T {
        try await storeCall("The file store", body)
    }
}
