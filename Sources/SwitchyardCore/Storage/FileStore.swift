/// Where the Files API keeps its files' metadata: the SQLite file, or PostgreSQL shared by
/// replicas (the bytes go to a `FileBlobStore`). The table comes with `migrate()`.
///
/// Called per request, like `ResponseStore`. The store is not the judge of ownership or expiry
/// for single files (`file(id:)` answers any row); lists and usage filter in SQL.
public protocol FileStore: Sendable {
    /// Writes a new file row (an upload that begins is `uploading`).
    func insertFile(_ file: StoredFile) async throws
    /// Replaces the row with the same id: an upload completing sets its purpose, size,
    /// expiry and `processed`.
    func updateFile(_ file: StoredFile) async throws
    func file(id: String) async throws -> StoredFile?
    /// Live (`processed`, unexpired) files the query's visibility allows, in its order, from
    /// its cursor on: at most `limit + 1` of them. With `before`, they run from the cursor
    /// backwards (nearest first), so the page closest to it is found; `CursorPage(window:)`
    /// turns either into the page.
    func files(_ query: FileQuery) async throws -> [StoredFile]
    /// Deletes one file row; answers whether it existed.
    func deleteFile(id: String) async throws -> Bool
    /// Bytes of the live files counted against `scope` at `now`.
    func storageUsed(by scope: StorageScope, at now: Double) async throws -> Int64
    /// Ids of files to remove: expired by `now`, or uploads begun before `abandonedBefore`
    /// that never completed; at most `limit`.
    func filesToPrune(now: Double, abandonedBefore: Double, limit: Int) async throws -> [String]
}
