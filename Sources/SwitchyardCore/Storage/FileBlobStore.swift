import NIOCore

/// Where file bytes live, by file id: a directory beside the SQLite database, or chunked rows
/// in PostgreSQL so that every replica serves every file.
public protocol FileBlobStore: Sendable {
    /// Writes what `contents` yields as the blob `id`, as it arrives, and answers its size.
    ///
    /// The blob exists only once the whole sequence is written: when `contents` (or the
    /// write) throws, nothing of it is left behind and the error is rethrown.
    func write(id: String, contents: some AsyncSequence<ByteBuffer, any Error>) async throws -> Int64
    /// The blob's `index`-th piece (from 0), nil past its end. Pieces are read one call at a
    /// time, so a reader holds no handle or cursor between them.
    func chunk(_ index: Int, of id: String) async throws -> ByteBuffer?
    /// Removes the blob; a missing one is no error.
    func delete(id: String) async throws
    /// Called once when the gateway stops.
    func close() async
}

extension FileBlobStore {
    public func close() async {}
}
