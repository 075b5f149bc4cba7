import Foundation
import NIOCore
import Synchronization
import SwitchyardCore
import _NIOFileSystem

/// File bytes as files in one directory, by id: by default `<database>.files/` beside the
/// SQLite file. All I/O goes through NIO's file system on its thread pool, never on an event
/// loop.
///
/// A blob is written through a file that exists only once the write completed (created
/// unnamed or under a temporary name, and linked or renamed into place when it is closed), so
/// a failed or cancelled upload leaves nothing; a crash leaves at most an unnamed file the
/// kernel reclaims (or a temporary name) and no half-written blob.
final class DirectoryFileBlobStore: FileBlobStore {
    let directory: FilePath
    private let fileSystem: FileSystem
    /// Bytes per chunk read back.
    private let chunkBytes: Int
    /// The directory is made when the first blob is written, so a gateway that stores no file
    /// creates none.
    private let prepared = Atomic<Bool>(false)
    /// The directory belongs to this process (its store is in memory) and goes at `close()`.
    private let temporary: Bool

    init(directory: String, temporary: Bool = false, chunkBytes: Int = 1 << 20, fileSystem: FileSystem = .shared) {
        self.directory = FilePath(directory)
        self.temporary = temporary
        self.chunkBytes = chunkBytes
        self.fileSystem = fileSystem
    }

    func write(id: String, contents: some AsyncSequence<ByteBuffer, any Error>) async throws -> Int64 {
        let path = try path(of: id)
        try await prepare()
        return try await fileSystem.withFileHandle(forWritingAt: path, options: .newFile(replaceExisting: false)) { handle in
            try await handle.withBufferedWriter(capacity: .mebibytes(1)) { writer in
                var total: Int64 = 0
                for try await piece in contents {
                    total += try await writer.write(contentsOf: piece)
                }
                return total
            }
        }
    }

    func chunk(_ index: Int, of id: String) async throws -> ByteBuffer? {
        let path = try path(of: id)
        let chunkBytes = chunkBytes
        do {
            let chunk = try await fileSystem.withFileHandle(forReadingAt: path) { handle in
                try await handle.readChunk(fromAbsoluteOffset: Int64(index) * Int64(chunkBytes), length: .bytes(Int64(chunkBytes)))
            }
            return chunk.readableBytes > 0 ? chunk : nil
        } catch let error as FileSystemError where error.code == .notFound {
            return nil
        }
    }

    func delete(id: String) async throws {
        _ = try await fileSystem.removeItem(at: try path(of: id))
    }

    /// Removes a temporary directory and every blob in it.
    func close() async {
        guard temporary else { return }
        _ = try? await fileSystem.removeItem(at: directory, recursively: true)
    }

    /// Ids are the gateway's own (`file-` and hex), never a client's path; anything else is
    /// refused rather than joined to the directory.
    private func path(of id: String) throws -> FilePath {
        guard !id.isEmpty, id.utf8.allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) else {
            throw GatewayError(.invalidRequest, "Not a file id: \(id)", code: "invalid_file_id")
        }
        return directory.appending(id)
    }

    private func prepare() async throws {
        guard !prepared.load(ordering: .relaxed) else { return }
        do {
            try await fileSystem.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch let error as FileSystemError where error.code == .fileAlreadyExists {}
        prepared.store(true, ordering: .relaxed)
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
    }
}
