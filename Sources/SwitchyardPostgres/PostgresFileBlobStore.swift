import NIOCore
import PostgresNIO
import SwitchyardCore

/// File bytes in PostgreSQL, as rows of `switchyard_file_chunks` (`file_id`, `seq`, `data`):
/// replicas sharing the database serve every file, whichever of them took the upload.
///
/// An upload is written a chunk at a time as it arrives, so neither side holds more than one
/// chunk; a download reads one chunk per query. A chunk row needs its file's row (the foreign
/// key): `FileService` writes the file as `uploading` first.
public struct PostgresFileBlobStore: FileBlobStore {
    let store: PostgresGovernanceStore
    let chunkBytes: Int
    /// The chunk table: `switchyard_file_chunks` (each blob a file row's), or
    /// `switchyard_job_chunks` for finished video and music jobs.
    let table: String

    public init(store: PostgresGovernanceStore, table: String = "switchyard_file_chunks", chunkBytes: Int = 1 << 20) {
        self.table = table
        self.store = store
        self.chunkBytes = chunkBytes
    }

    public func write(id: String, contents: some AsyncSequence<ByteBuffer, any Error>) async throws -> Int64 {
        var pending = ByteBuffer()
        var sequence: Int32 = 0
        var total: Int64 = 0
        do {
            for try await var piece in contents {
                total += Int64(piece.readableBytes)
                pending.writeBuffer(&piece)
                while pending.readableBytes >= chunkBytes, let chunk = pending.readSlice(length: chunkBytes) {
                    try await insert(chunk, seq: sequence, of: id)
                    sequence += 1
                }
                pending.discardReadBytes()
            }
            if pending.readableBytes > 0 { try await insert(pending, seq: sequence, of: id) }
            return total
        } catch {
            try? await delete(id: id)
            throw error
        }
    }

    public func chunk(_ index: Int, of id: String) async throws -> ByteBuffer? {
        let seq = Int32(clamping: index)
        return try await store.perform("fileChunk") {
            try await store.rows("SELECT data FROM \(unescaped: table) WHERE file_id = \(id) AND seq = \(seq)") {
                try $0.decode(ByteBuffer.self)
            }.first
        }
    }

    public func delete(id: String) async throws {
        try await store.perform("deleteFileChunks") {
            try await store.execute("DELETE FROM \(unescaped: table) WHERE file_id = \(id)")
        }
    }

    private func insert(_ chunk: ByteBuffer, seq: Int32, of id: String) async throws {
        try await store.perform("insertFileChunk") {
            try await store.execute("INSERT INTO \(unescaped: table) (file_id, seq, data) VALUES (\(id), \(seq), \(chunk))")
        }
    }
}
