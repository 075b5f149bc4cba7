import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// Storage limits (per key, per team, the default), the largest file, and expiry.
@Suite struct FileQuotaTests {
    @Test func aDeclaredLengthOverTheLimitIsRefusedAtOnce() async throws {
        try await withGateway(try FilesRoutesTests.config()) { client in
            let admin = AdminClient(client: client)
            let files = FilesClient(client: client)
            let key = try await admin.generateKey(["max_storage_bytes": 1000])
            #expect(try await admin.keyInfo(key)["max_storage_bytes"] as? Int == 1000)
            let refused = try await files.upload(FilesClient.random(200_000), key: key)
            #expect(refused.status == .contentTooLarge)
            let error = AdminClient.error(refused)
            #expect(error["code"] as? String == "storage_limit_exceeded")
            #expect((error["message"] as? String ?? "").contains("1000 bytes"))
            #expect(refused.storageUsed == 0 && refused.storageLimit == 1000)
            #expect(FilesClient.ids(try await files.get("/v1/files", key: key)) == [])
        }
    }

    @Test func bytesPastTheLimitStopTheUploadAndLeaveNothing() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-quota-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withGateway(try FilesRoutesTests.config("  files_directory: \(directory)")) { client in
            let admin = AdminClient(client: client)
            let files = FilesClient(client: client)
            let key = try await admin.generateKey(["max_storage_bytes": 100_000])
            // Declared 150 KB is within the limit plus the form's allowance: the bytes decide.
            let first = try await files.upload(FilesClient.random(60_000), key: key)
            #expect(first.status == .ok)
            let refused = try await files.upload(FilesClient.random(50_000), key: key)
            #expect(refused.status == .contentTooLarge, "\(String(buffer: refused.body))")
            #expect(AdminClient.error(refused)["code"] as? String == "storage_limit_exceeded")
            #expect(refused.storageUsed == 60_000 && refused.storageLimit == 100_000)
            #expect(FilesClient.ids(try await files.get("/v1/files", key: key)).count == 1)
            // Only the stored file's blob is on disk: the refused one was removed.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).count == 1)
            let fits = try await files.upload(FilesClient.random(40_000), key: key)
            #expect(fits.status == .ok)
            #expect(fits.storageUsed == 100_000)
        }
    }

    @Test func concurrentUploadsCannotAllPassTheLimit() async throws {
        try await withGateway(try FilesRoutesTests.config()) { client in
            let admin = AdminClient(client: client)
            let files = FilesClient(client: client)
            let key = try await admin.generateKey(["max_storage_bytes": 100_000])
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await files.upload(FilesClient.random(40_000), key: key).status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            let stored = statuses.filter { $0 == .ok }.count
            #expect(stored >= 1 && stored <= 2, "\(statuses)")
            #expect(statuses.filter { $0 == .contentTooLarge }.count == 6 - stored)
            let listed = try await files.get("/v1/files", key: key)
            #expect(FilesClient.ids(listed).count == stored)
            #expect(listed.storageUsed == stored * 40_000)
            #expect((listed.storageUsed ?? .max) <= 100_000)
        }
    }

    @Test func aTeamLimitBindsEveryKeyOfTheTeam() async throws {
        try await withGateway(try FilesRoutesTests.config()) { client in
            let admin = AdminClient(client: client)
            let files = FilesClient(client: client)
            #expect(try await admin.post("/team/new", ["team_id": "small", "max_storage_bytes": 5000]).status == .ok)
            let info = try await admin.get("/team/info?team_id=small").body.json["team_info"] as? [String: Any]
            #expect(info?["max_storage_bytes"] as? Int == 5000)
            let first = try await admin.generateKey(["team_id": "small"])
            let second = try await admin.generateKey(["team_id": "small"])
            let stored = try await files.upload(FilesClient.random(3000), key: first)
            #expect(stored.status == .ok)
            // The team's room (2000 left) binds before the key's default limit.
            #expect(stored.storageUsed == 3000 && stored.storageLimit == 5000)
            let refused = try await files.upload(FilesClient.random(3000), key: second)
            #expect(refused.status == .contentTooLarge)
            #expect((AdminClient.error(refused)["message"] as? String ?? "").contains("team"))
            #expect(try await admin.post("/team/update", ["team_id": "small", "max_storage_bytes": NSNull()]).status == .ok)
            #expect(try await files.upload(FilesClient.random(3000), key: second).status == .ok)
        }
    }

    @Test func theDefaultLimitAndTheLargestFileComeFromTheConfig() async throws {
        let config = try FilesRoutesTests.config("  default_storage_limit_mb: 0.01\n  max_file_size_mb: 0.05")
        try await withGateway(config) { client in
            let admin = AdminClient(client: client)
            let files = FilesClient(client: client)
            let key = try await admin.generateKey()
            let limited = try await files.upload(FilesClient.random(20_000), key: key)
            #expect(limited.status == .contentTooLarge)
            #expect(limited.storageLimit == 10_485)
            let roomy = try await admin.generateKey(["max_storage_bytes": 10_000_000])
            // 100 KB declared is within 50 KB plus the form's allowance: refused as its bytes pass the cap.
            let large = try await files.upload(FilesClient.random(100_000), key: roomy)
            #expect(large.status == .contentTooLarge)
            #expect(AdminClient.error(large)["code"] as? String == "file_too_large")
            #expect(try await files.upload(FilesClient.random(50_000), key: roomy).status == .ok)
            // The master key has no storage limit, but the largest file applies to it too.
            #expect(try await files.upload(FilesClient.random(60_000), key: "sk-master-123").status == .contentTooLarge)
        }
    }

    @Test func expiredFilesAreGoneAtOnceAndPrunedLater() async throws {
        let clock = ManualClock()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-expiry-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withGateway(try FilesRoutesTests.config("  files_directory: \(directory)"), clock: clock) { client in
            let admin = AdminClient(client: client)
            let files = FilesClient(client: client)
            let key = try await admin.generateKey()
            let lifetime = [("expires_after[anchor]", "created_at"), ("expires_after[seconds]", "3600")]
            let brief = try await files.upload(FilesClient.random(1000), key: key, fields: lifetime).body.json
            let batch = try await files.upload(FilesClient.random(10), key: key, purpose: "batch").body.json
            let kept = try await files.upload(FilesClient.random(10), key: key).body.json
            let created = try #require(brief["created_at"] as? Int)
            #expect(brief["expires_at"] as? Int == created + 3600)
            #expect(batch["expires_at"] as? Int == (batch["created_at"] as? Int ?? 0) + 30 * 86_400, "batch files keep 30 days, as OpenAI's")
            #expect(kept["expires_at"] is NSNull)
            let id = try #require(brief["id"] as? String)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).contains(id))

            clock.advance(by: 3601)
            let gone = try await files.get("/v1/files/\(id)", key: key)
            #expect(gone.status == .notFound)
            #expect(gone.storageUsed == 20)
            #expect(Set(FilesClient.ids(try await files.get("/v1/files", key: key))) == [batch["id"] as? String ?? "", kept["id"] as? String ?? ""])
            // The background service prunes within an interval of the next hourly pass.
            let deadline = ContinuousClock.now + .seconds(10)
            while try FileManager.default.contentsOfDirectory(atPath: directory).contains(id), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).count == 2)
        }
    }
}
