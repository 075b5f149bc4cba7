import Foundation
import NIOCore
@testable import SwitchyardCore
@testable import SwitchyardPostgres
@testable import SwitchyardSQLite
import Testing

/// Files API metadata: rows read back as written, paged in SQL by `(created_at, id)` in
/// either order from either cursor, filtered by owner, team and purpose, summed for quotas,
/// and found for pruning; and file bytes in PostgreSQL's chunk rows.
@Suite struct FileConformanceTests {
    @Test(arguments: StoreBackend.all)
    func filesReadBackAndUpdate(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var file = Fixtures.file("file-1", team: "team \"q\"", status: .uploading)
            try await store.insertFile(file)
            #expect(try await store.file(id: "file-1") == file)
            file.status = .processed
            file.bytes = 5_000_000_000
            file.purpose = "batch"
            file.expiresAt = 1_760_086_400.5
            try await store.updateFile(file)
            #expect(try await store.file(id: "file-1") == file)
            #expect(try await store.file(id: "file-2") == nil)
            #expect(try await store.deleteFile(id: "file-1"))
            #expect(try await store.deleteFile(id: "file-1") == false)
            #expect(try await store.file(id: "file-1") == nil)
        }
    }

    /// Six files a second apart, two of them sharing a second (the id breaks the tie).
    static let six: [StoredFile] = [
        Fixtures.file("file-a", at: 100), Fixtures.file("file-b", purpose: "batch", at: 101), Fixtures.file("file-c", at: 102),
        Fixtures.file("file-d", at: 102), Fixtures.file("file-e", purpose: "batch", at: 103), Fixtures.file("file-f", at: 104),
    ]

    @Test(arguments: StoreBackend.all)
    func pagesFollowTheCursorInEitherOrder(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for file in Self.six.shuffled() { try await store.insertFile(file) }
            let everything = FileVisibility.owner(keyHash: "key-a", teamID: nil)
            func page(_ order: CursorPage<StoredFile>.Order, limit: Int, after: String? = nil, before: String? = nil, purpose: String? = nil) async throws -> ([String], Bool) {
                let query = FileQuery(visibility: everything, purpose: purpose, limit: limit, order: order, after: after, before: before, now: 50)
                let page = CursorPage(window: try await store.files(query), id: \.id, limit: limit, backwards: query.scansBackwards)
                return (page.items.map(\.id), page.hasMore)
            }
            #expect(try await page(.desc, limit: 10) == (["file-f", "file-e", "file-d", "file-c", "file-b", "file-a"], false))
            #expect(try await page(.desc, limit: 2) == (["file-f", "file-e"], true))
            #expect(try await page(.desc, limit: 2, after: "file-e") == (["file-d", "file-c"], true))
            #expect(try await page(.desc, limit: 2, after: "file-b") == (["file-a"], false))
            #expect(try await page(.asc, limit: 3) == (["file-a", "file-b", "file-c"], true))
            #expect(try await page(.asc, limit: 3, after: "file-c") == (["file-d", "file-e", "file-f"], false))
            // Before a cursor: the page nearest it, in list order.
            #expect(try await page(.desc, limit: 2, before: "file-b") == (["file-d", "file-c"], true))
            #expect(try await page(.desc, limit: 9, before: "file-b") == (["file-f", "file-e", "file-d", "file-c"], false))
            #expect(try await page(.asc, limit: 2, before: "file-e") == (["file-c", "file-d"], true))
            #expect(try await page(.desc, limit: 9, after: "file-f", before: "file-c") == (["file-e", "file-d"], false))
            #expect(try await page(.desc, limit: 9, purpose: "batch") == (["file-e", "file-b"], false))
            #expect(try await page(.desc, limit: 9, after: "file-zzz") == ([], false))
        }
    }

    @Test(arguments: StoreBackend.all)
    func listsShowOnlyLiveFilesTheCallerMaySee(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertFile(Fixtures.file("mine", owner: "key-a", at: 1))
            try await store.insertFile(Fixtures.file("team", owner: "key-b", team: "t1", at: 2))
            try await store.insertFile(Fixtures.file("other", owner: "key-c", team: "t2", at: 3))
            try await store.insertFile(Fixtures.file("expired", owner: "key-a", at: 4, expiresAt: 10))
            try await store.insertFile(Fixtures.file("arriving", owner: "key-a", at: 5, status: .uploading))
            func ids(_ visibility: FileVisibility, now: Double = 5) async throws -> Set<String> {
                Set(try await store.files(FileQuery(visibility: visibility, limit: 100, now: now)).map(\.id))
            }
            #expect(try await ids(.owner(keyHash: "key-a", teamID: nil)) == ["mine", "expired"])
            #expect(try await ids(.owner(keyHash: "key-a", teamID: nil), now: 10) == ["mine"])
            #expect(try await ids(.owner(keyHash: "key-a", teamID: "t1")) == ["mine", "team", "expired"])
            #expect(try await ids(.all) == ["mine", "team", "other", "expired"])
            #expect(try await store.storageUsed(by: .key(hash: "key-a"), at: 5) == 200)
            #expect(try await store.storageUsed(by: .key(hash: "key-a"), at: 10) == 100)
            #expect(try await store.storageUsed(by: .team(id: "t1"), at: 5) == 100)
            #expect(try await store.storageUsed(by: .team(id: "none"), at: 5) == 0)
            #expect(Set(try await store.filesToPrune(now: 10, abandonedBefore: 6, limit: 10)) == ["expired", "arriving"])
            #expect(try await store.filesToPrune(now: 9, abandonedBefore: 5, limit: 10) == [])
        }
    }

    /// A database from the release before files (SQLite schema 6, PostgreSQL 5) gains the
    /// tables and the storage limit columns, and keeps its keys and teams (with no limit).
    @Test(arguments: StoreBackend.all)
    func aDatabaseFromBeforeFilesUpgrades(backend: StoreBackend) async throws {
        try await backend.withDatabase { makeStore in
            let store = try await makeStore()
            try await LegacyRows.migrate(store, sqlite: 6, postgres: 5, backend: backend)
            try await LegacyRows.insertKeyAndTeam(key: "k1", team: "t1", into: store)
            await #expect(throws: (any Error).self) { try await store.insertFile(Fixtures.file("file-1")) }
            try await store.migrate()
            try await store.migrate()
            let key = try #require(try await store.key(hash: "k1"))
            #expect(key.maxStorageBytes == nil && key.teamID == "t1")
            #expect(try await store.allTeams().map(\.maxStorageBytes) == [nil])
            var limited = key
            limited.maxStorageBytes = 1_000
            try await store.updateKey(limited)
            #expect(try await store.key(hash: "k1")?.maxStorageBytes == 1_000)
            try await store.insertFile(Fixtures.file("file-1", owner: "k1"))
            #expect(try await store.storageUsed(by: .key(hash: "k1"), at: 0) == 100)
        }
    }

    @Test func postgresChunksHoldAFileAndAnotherReplicaReadsIt() async throws {
        try await StoreBackend.postgres.withReplicas { first, second in
            let writer = try #require(first as? PostgresGovernanceStore)
            let reader = try #require(second as? PostgresGovernanceStore)
            let blobs = PostgresFileBlobStore(store: writer, chunkBytes: 1000)
            try await writer.insertFile(Fixtures.file("file-big", status: .uploading))
            let content = (0..<2500).map { UInt8(truncatingIfNeeded: $0 * 7) }
            let pieces = stride(from: 0, to: content.count, by: 300).map { ByteBuffer(bytes: content[$0..<min($0 + 300, content.count)]) }
            let written = try await blobs.write(id: "file-big", contents: AsyncSequenceOf(pieces))
            #expect(written == 2500)
            let other = PostgresFileBlobStore(store: reader, chunkBytes: 1000)
            var read: [UInt8] = []
            var index = 0
            while let chunk = try await other.chunk(index, of: "file-big") {
                #expect(chunk.readableBytes == (index < 2 ? 1000 : 500))
                read += Array(chunk.readableBytesView)
                index += 1
            }
            #expect(read == content)
            // Deleting the row takes its chunks with it.
            #expect(try await reader.deleteFile(id: "file-big"))
            #expect(try await other.chunk(0, of: "file-big") == nil)
        }
    }

    @Test func aFailedPostgresWriteLeavesNoChunk() async throws {
        try await StoreBackend.postgres.withStore { store in
            let postgres = try #require(store as? PostgresGovernanceStore)
            let blobs = PostgresFileBlobStore(store: postgres, chunkBytes: 100)
            try await postgres.insertFile(Fixtures.file("file-cut", status: .uploading))
            await #expect(throws: Cut.self) {
                _ = try await blobs.write(id: "file-cut", contents: FailingAfter(pieces: 5, piece: ByteBuffer(repeating: 1, count: 100)))
            }
            #expect(try await blobs.chunk(0, of: "file-cut") == nil)
        }
    }
}

/// An async sequence of fixed elements.
struct AsyncSequenceOf: AsyncSequence {
    typealias Element = ByteBuffer
    let elements: [ByteBuffer]
    init(_ elements: [ByteBuffer]) { self.elements = elements }

    struct AsyncIterator: AsyncIteratorProtocol {
        var rest: ArraySlice<ByteBuffer>
        mutating func next() async throws -> ByteBuffer? { rest.popFirst() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(rest: elements[...]) }
}

/// Yields `pieces` copies of `piece`, then fails.
struct FailingAfter: AsyncSequence {
    typealias Element = ByteBuffer
    let pieces: Int
    let piece: ByteBuffer

    struct AsyncIterator: AsyncIteratorProtocol {
        var left: Int
        let piece: ByteBuffer
        mutating func next() async throws -> ByteBuffer? {
            guard left > 0 else { throw FileConformanceTests.Cut() }
            left -= 1
            return piece
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(left: pieces, piece: piece) }
}

extension FileConformanceTests {
    struct Cut: Error {}
}
