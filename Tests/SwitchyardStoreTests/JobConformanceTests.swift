import Foundation
import SwitchyardCore
import Testing

/// Video and music jobs in the store: read back whole, updated, listed by visibility, claimed
/// with a lease (once, across replicas), settled once, their holds summed, expired ones found.
@Suite struct JobConformanceTests {
    static func job(_ id: String, owner: String = "hash-a", team: String? = nil, kind: MediaJob.Kind = .video, at time: Double = 1_760_000_000, held: Double = 0.4) -> MediaJob {
        MediaJob(
            id: id, kind: kind, ownerKeyHash: owner, teamID: team, model: "sora-2", deploymentID: "sora-2#0", upstreamID: "up-\(id)",
            prompt: "a \"quoted\" prompt ü", seconds: 8, size: kind == .video ? "1280x720" : nil, createdAt: time, heldCost: held,
            nextPollAt: time + 2, requestID: "req-\(id)", callType: "videos", tags: ["a", "b"]
        )
    }

    @Test(arguments: StoreBackend.all)
    func aJobReadsBackAsWrittenAndUpdatesItsState(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var job = Self.job("video_1")
            try await store.insertJob(job)
            #expect(try await store.job(id: "video_1") == job)
            job.status = .completed
            job.progress = 100
            job.completedAt = 1_760_000_010.5
            job.expiresAt = 1_760_086_410.5
            job.chargedCost = 0.8
            job.contentBytes = 5_000_000_000
            job.contentType = "video/mp4"
            job.contentLocation = "https://example.test/file"
            job.pollCount = 3
            job.consecutiveErrors = 1
            job.errorCode = nil
            #expect(try await store.updateJob(job))
            #expect(try await store.job(id: "video_1") == job)
            #expect(try await store.job(id: "video_none") == nil)
            #expect(try await store.updateJob(Self.job("video_none")) == false)
            #expect(try await store.deleteJob(id: "video_1"))
            #expect(try await store.deleteJob(id: "video_1") == false)
        }
    }

    @Test(arguments: StoreBackend.all)
    func listsShowTheKeysAndItsTeamsJobsOfOneKind(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertJob(Self.job("video_mine", owner: "hash-a", at: 3))
            try await store.insertJob(Self.job("video_team", owner: "hash-b", team: "t1", at: 2))
            try await store.insertJob(Self.job("video_other", owner: "hash-c", team: "t2", at: 1))
            try await store.insertJob(Self.job("music_mine", owner: "hash-a", kind: .music, at: 4))
            let mine = try await store.jobs(kind: .video, visibleTo: .owner(keyHash: "hash-a", teamID: "t1")).map(\.id)
            #expect(mine == ["video_team", "video_mine"])
            #expect(try await store.jobs(kind: .video, visibleTo: .owner(keyHash: "hash-a", teamID: nil)).map(\.id) == ["video_mine"])
            #expect(try await store.jobs(kind: .video, visibleTo: .all).map(\.id) == ["video_other", "video_team", "video_mine"])
            #expect(try await store.jobs(kind: .music, visibleTo: .all).map(\.id) == ["music_mine"])
        }
    }

    @Test(arguments: StoreBackend.all)
    func aDueJobIsClaimedByOneReplicaUntilItsLeaseLapses(backend: StoreBackend) async throws {
        try await backend.withReplicas { first, second in
            let job = Self.job("video_due", at: 100)
            try await first.insertJob(job)
            #expect(try await first.claimDueJobs(now: 101, owner: "a", leaseUntil: 200, limit: 10).isEmpty, "not due before next_poll_at")
            let claimed = try await first.claimDueJobs(now: 102, owner: "a", leaseUntil: 200, limit: 10)
            #expect(claimed.map(\.id) == ["video_due"] && claimed.first?.leaseOwner == "a")
            #expect(try await second.claimDueJobs(now: 150, owner: "b", leaseUntil: 250, limit: 10).isEmpty, "leased to a")
            #expect(try await second.claimDueJobs(now: 201, owner: "b", leaseUntil: 300, limit: 10).map(\.leaseOwner) == ["b"], "the lease lapsed")
            var finished = job
            finished.status = .completed
            #expect(try await second.updateJob(finished))
            #expect(try await first.claimDueJobs(now: 1000, owner: "a", leaseUntil: 1100, limit: 10).isEmpty, "a finished job is never polled")
        }
    }

    @Test(arguments: StoreBackend.all)
    func concurrentClaimsNeverHandOneJobToTwoReplicas(backend: StoreBackend) async throws {
        try await backend.withReplicas { first, second in
            for index in 0..<20 { try await first.insertJob(Self.job("video_\(index)", at: 0)) }
            async let a = first.claimDueJobs(now: 10, owner: "a", leaseUntil: 100, limit: 15)
            async let b = second.claimDueJobs(now: 10, owner: "b", leaseUntil: 100, limit: 15)
            let ids = try await a.map(\.id) + b.map(\.id)
            #expect(ids.count == 20 && Set(ids).count == 20)
        }
    }

    @Test(arguments: StoreBackend.all)
    func aJobSettlesOnceAndItsHoldCountsUntilThen(backend: StoreBackend) async throws {
        try await backend.withReplicas { first, second in
            try await first.insertJob(Self.job("video_1", owner: "hash-a", held: 0.4))
            try await first.insertJob(Self.job("video_2", owner: "hash-a", held: 0.8))
            try await first.insertJob(Self.job("video_3", owner: "hash-b", held: 1.5))
            let held = try await second.heldJobCosts()
            #expect(abs((held["hash-a"] ?? 0) - 1.2) < 1e-9 && held["hash-b"] == 1.5)
            #expect(try await first.markJobSettled(id: "video_2"))
            #expect(try await second.markJobSettled(id: "video_2") == false, "settled once, whichever replica asks")
            #expect(try await second.heldJobCosts()["hash-a"] == 0.4)
        }
    }

    @Test(arguments: StoreBackend.all)
    func expiredJobsAreFound(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var old = Self.job("video_old")
            old.status = .completed
            old.expiresAt = 500
            try await store.insertJob(old)
            try await store.insertJob(Self.job("video_running"))
            #expect(try await store.expiredJobs(now: 499, limit: 10) == [])
            #expect(try await store.expiredJobs(now: 500, limit: 10) == ["video_old"])
        }
    }
}
