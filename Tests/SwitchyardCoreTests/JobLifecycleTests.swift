import SwitchyardCore
import Testing

/// The job state machine: statuses move forward only, waits back off from 2 to 30 seconds,
/// a job completes only once its content is stored, failures settle it.
@Suite struct JobLifecycleTests {
    static func job() -> MediaJob {
        MediaJob(id: "video_1", kind: .video, ownerKeyHash: "k", model: "m", deploymentID: "d", upstreamID: "u", seconds: 4, createdAt: 0, nextPollAt: 2, requestID: "r", callType: "videos")
    }

    @Test func theWaitDoublesFromTheFirstAndStopsAtTheCap() {
        let backoff = JobBackoff(initial: 2, cap: 30)
        #expect((0..<7).map(backoff.delay(afterPoll:)) == [2, 4, 8, 16, 30, 30, 30])
        #expect(backoff.delay(afterPoll: 1000) == 30)
    }

    @Test func aJobRunsThenDownloadsThenCompletesAndNothingMovesItAfter() {
        let lifecycle = JobLifecycle()
        var job = Self.job()
        #expect(lifecycle.apply(.polled(.queued(progress: nil)), to: &job, now: 10) == .pollLater)
        #expect(job.status == .queued && job.nextPollAt == 14)
        #expect(lifecycle.apply(.polled(.running(progress: 40)), to: &job, now: 14) == .pollLater)
        #expect(job.status == .inProgress && job.progress == 40 && job.nextPollAt == 22)
        // Progress never goes back, and 100 waits for the content.
        _ = lifecycle.apply(.polled(.running(progress: 20)), to: &job, now: 22)
        #expect(job.progress == 40)
        #expect(lifecycle.apply(.polled(.succeeded(location: "https://x/y")), to: &job, now: 30) == .download(location: "https://x/y"))
        #expect(job.status == .inProgress && job.progress == 99)
        #expect(lifecycle.apply(.contentStored(bytes: 10, contentType: "video/mp4"), to: &job, now: 31) == .settleCompleted)
        #expect(job.status == .completed && job.progress == 100 && job.completedAt == 31 && job.expiresAt == 31 + 86_400)
        #expect(lifecycle.apply(.polled(.failed(code: "x", message: "y")), to: &job, now: 40) == JobLifecycle.Action.none)
        #expect(job.status == .completed)
    }

    @Test func aFailureReportedByTheProviderSettlesTheJobAsFailed() {
        var job = Self.job()
        #expect(JobLifecycle().apply(.polled(.failed(code: "moderation_blocked", message: "no")), to: &job, now: 5) == .settleFailed)
        #expect(job.status == .failed && job.errorCode == "moderation_blocked" && job.errorMessage == "no")
    }

    @Test func pollErrorsBackOffAndGiveUpAfterTheLimitOrAtOnceWhenPermanent() {
        let lifecycle = JobLifecycle(maxConsecutiveErrors: 3)
        var job = Self.job()
        #expect(lifecycle.apply(.pollFailed(code: "timeout", message: "t", permanent: false), to: &job, now: 0) == .pollLater)
        #expect(lifecycle.apply(.pollFailed(code: "timeout", message: "t", permanent: false), to: &job, now: 0) == .pollLater)
        #expect(job.nextPollAt == 8, "each failure doubles the wait too")
        #expect(lifecycle.apply(.pollFailed(code: "timeout", message: "t", permanent: false), to: &job, now: 0) == .settleFailed)
        #expect(job.status == .failed && job.errorCode == "timeout")
        var gone = Self.job()
        #expect(lifecycle.apply(.pollFailed(code: "not_found", message: "gone", permanent: true), to: &gone, now: 0) == .settleFailed)
        // A good answer resets the count.
        var flaky = Self.job()
        _ = lifecycle.apply(.pollFailed(code: "x", message: "x", permanent: false), to: &flaky, now: 0)
        _ = lifecycle.apply(.polled(.running(progress: 1)), to: &flaky, now: 0)
        #expect(flaky.consecutiveErrors == 0)
    }

    @Test func videoSecondsArePricedByResolutionBandElseFlat() {
        var prices = UnitPrices()
        prices.outputCostPerVideoPerSecond = 0.1
        prices.videoPerSecondByResolution = ["1080p": 0.3, "4k": 0.6]
        #expect(prices.videoPricePerSecond(size: "1920x1080") == 0.3)
        #expect(prices.videoPricePerSecond(size: "1080x1920") == 0.3)
        #expect(prices.videoPricePerSecond(size: "3840x2160") == 0.6)
        #expect(prices.videoPricePerSecond(size: "1280x720") == 0.1, "no nearest band: the flat price")
        var info = ModelInfo()
        info.unitPrices = prices
        let cost = CostCalculator.charge(of: MediaJob.meteredUsage(kind: .video, seconds: 8, size: "1920x1080"), modelInfo: info)?.cost ?? 0
        #expect(abs(cost - 2.4) < 1e-9)
        var music = UnitPrices()
        music.outputCostPerMusicTrack = 0.04
        info.unitPrices = music
        #expect(CostCalculator.charge(of: MediaJob.meteredUsage(kind: .music, seconds: 30, size: nil), modelInfo: info)?.cost == 0.04)
    }
}
