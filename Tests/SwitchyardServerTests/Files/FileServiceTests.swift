@testable import SwitchyardServer
import Foundation
import NIOCore
import SwitchyardCore
import Testing

/// The API other parts of the gateway use to read a client's file and to store files of their
/// own: create from any byte sequence, look up under an owner, stream, or read whole.
@Suite struct FileServiceTests {
    /// A file service on a fresh in-memory store, its bytes in a temporary directory.
    static func withService(defaultLimit: Int64? = nil, _ body: (FileService, DirectoryFileBlobStore) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-service-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let opened = try StoreLocation.sqlite(path: ":memory:").open(filesDirectory: directory)
        try await opened.store.migrate()
        let blobs = DirectoryFileBlobStore(directory: directory, chunkBytes: 1000)
        let clock = ManualClock()
        let ledger = GovernanceLedger()
        ledger.upsert(VirtualKey(tokenHash: "hash-a", keyName: "sk-...a", createdAt: 0))
        let quota = StorageQuota(store: opened.store, ledger: ledger, clock: clock, defaultKeyLimit: defaultLimit)
        try await body(FileService(store: opened.store, blobs: blobs, quota: quota, clock: clock, maxFileBytes: 1 << 20), blobs)
    }

    static let owner = ResourceOwner(.virtualKey(hash: "hash-a", isAdmin: false), teamID: nil)
    static let stranger = ResourceOwner(.virtualKey(hash: "hash-b", isAdmin: false), teamID: nil)
    static let admin = ResourceOwner(.master, teamID: nil)

    static func pieces(_ bytes: [UInt8], size: Int) -> AsyncStream<ByteBuffer> {
        AsyncStream { continuation in
            for start in stride(from: 0, to: bytes.count, by: size) {
                continuation.yield(ByteBuffer(bytes: bytes[start..<min(start + size, bytes.count)]))
            }
            continuation.finish()
        }
    }

    @Test func aFileTheGatewayMakesIsStoredAndReadBack() async throws {
        try await Self.withService { files, _ in
            let lines = Array((0..<500).map { "{\"custom_id\":\"\($0)\"}\n" }.joined().utf8)
            let made = try await files.create(
                owner: Self.owner, filename: "batch_output.jsonl", purpose: "batch_output", lifetime: 3600, from: Self.pieces(lines, size: 777)
            )
            #expect(made.bytes == Int64(lines.count) && made.status == .processed)
            #expect(made.expiresAt == made.createdAt + 3600)
            let found = try #require(try await files.file(id: made.id, owner: Self.owner))
            #expect(found == made)
            #expect(try await files.file(id: made.id, owner: Self.stranger) == nil)
            #expect(try await files.file(id: made.id, owner: Self.admin) == made)
            // Streamed in the blob store's chunks (1000 bytes here), and whole.
            var chunks: [Int] = []
            var streamed: [UInt8] = []
            for try await chunk in files.contents(of: found) {
                chunks.append(chunk.readableBytes)
                streamed += Array(chunk.readableBytesView)
            }
            #expect(streamed == lines)
            #expect(chunks.dropLast().allSatisfy { $0 == 1000 })
            #expect(Array(try await files.bytes(of: found, limit: 1 << 20).readableBytesView) == lines)
            let tooSmall = await #expect(throws: GatewayError.self) { try await files.bytes(of: found, limit: 100) }
            #expect(tooSmall?.status == 413)
        }
    }

    @Test func aFileWhoseBytesWentMissingIsAnErrorNotATruncation() async throws {
        try await Self.withService { files, blobs in
            let made = try await files.create(owner: Self.owner, filename: "x", purpose: "user_data", lifetime: nil, from: Self.pieces(Array(repeating: 7, count: 2500), size: 100))
            try await blobs.delete(id: made.id)
            let error = await #expect(throws: GatewayError.self) { try await files.bytes(of: made, limit: 1 << 20) }
            #expect(error?.code == "file_content_damaged")
        }
    }

    @Test func aGatewayMadeFileCountsAgainstTheOwnersLimit() async throws {
        try await Self.withService(defaultLimit: 1000) { files, blobs in
            _ = try await files.create(owner: Self.owner, filename: "a", purpose: "user_data", lifetime: nil, from: Self.pieces(Array(repeating: 1, count: 800), size: 64))
            let refused = await #expect(throws: GatewayError.self) {
                try await files.create(owner: Self.owner, filename: "b", purpose: "user_data", lifetime: nil, from: Self.pieces(Array(repeating: 2, count: 300), size: 64))
            }
            #expect(refused?.code == "storage_limit_exceeded")
            #expect(try await files.usage(of: Self.owner) == (800, 1000))
            #expect(try FileManager.default.contentsOfDirectory(atPath: blobs.directory.string).count == 1)
        }
    }
}
