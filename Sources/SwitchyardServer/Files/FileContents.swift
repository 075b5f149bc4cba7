import NIOCore
import SwitchyardCore

/// A stored file's bytes, read from its blob store one chunk per step: nothing is held
/// between steps, so a reader that stops early leaves nothing open.
///
/// The chunks must add up to the size the file was stored with; a blob that ends early, or
/// runs on, is an error (the file was damaged outside the gateway), never a silent truncation.
struct FileContents: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let blobs: any FileBlobStore
    let id: String
    let bytes: Int64

    struct AsyncIterator: AsyncIteratorProtocol {
        let blobs: any FileBlobStore
        let id: String
        let bytes: Int64
        var index = 0
        var read: Int64 = 0

        mutating func next() async throws -> ByteBuffer? {
            guard read < bytes else { return nil }
            guard let chunk = try await blobs.chunk(index, of: id), chunk.readableBytes > 0 else {
                throw Self.damaged(id, "ends after \(read) of its \(bytes) bytes")
            }
            index += 1
            read += Int64(chunk.readableBytes)
            guard read <= bytes else { throw Self.damaged(id, "holds more than its \(bytes) bytes") }
            return chunk
        }

        static func damaged(_ id: String, _ problem: String) -> GatewayError {
            GatewayError(.internalError, "The stored content of \(id) \(problem).", code: "file_content_damaged")
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(blobs: blobs, id: id, bytes: bytes)
    }
}

/// An upload's bytes on their way to the blob store, counted against the largest file the
/// gateway takes and the owner's storage limits: past either, the sequence throws a 413 and the
/// blob store leaves nothing behind.
struct MeteredUpload<Base: AsyncSequence>: AsyncSequence where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer

    let base: Base
    let maxBytes: Int64
    let quota: StorageQuota
    let hold: StorageQuota.Hold

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let maxBytes: Int64
        let quota: StorageQuota
        let hold: StorageQuota.Hold
        var total: Int64 = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else { return nil }
            total += Int64(chunk.readableBytes)
            guard total <= maxBytes else { throw FileService.tooLarge(maxBytes) }
            try quota.reserve(Int64(chunk.readableBytes), on: hold)
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), maxBytes: maxBytes, quota: quota, hold: hold)
    }
}
