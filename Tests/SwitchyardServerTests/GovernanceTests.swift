import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

@Suite struct GovernanceTests {
    /// Two mock groups priced so that one short request costs about a cent.
    static func config(batchWrite: Double = 0.05, extra: String = "") throws -> GatewayConfig {
        try TestConfig.load(
            """
            model_list:
              - model_name: mock
                litellm_params: {model: mock/m}
                model_info: {input_cost_per_token: 0.001, output_cost_per_token: 0.002}
              - model_name: other
                litellm_params: {model: mock/o}
                model_info: {input_cost_per_token: 0.001, output_cost_per_token: 0.002}
            general_settings:
              master_key: sk-master-123
              proxy_batch_write_at: \(batchWrite)
            \(extra)
            """
        )
    }

    @Test func aGeneratedKeyWorksIsShownOnceAndOnlyTheMasterKeyMayMakeOne() async throws {
        try await withGateway(try Self.config()) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["key_alias": "ci", "metadata": ["owner": "ops"]])
            #expect(key.hasPrefix("sk-") && key.count == 35)
            let answer = try await admin.chat(key)
            #expect(answer.status == .ok)
            #expect(answer.headers[HTTPField.Name("x-credits-used")!] != nil)

            let info = try await admin.get("/key/info?key=\(key)")
            #expect(info.status == .ok)
            #expect(!String(buffer: info.body).contains(key), "the secret is never shown again")
            let details = info.body.json["info"] as? [String: Any] ?? [:]
            #expect(details["key_alias"] as? String == "ci")
            #expect(details["key_name"] as? String == "sk-...\(key.suffix(4))")
            #expect(info.body.json["key"] as? String == KeySecret.hash(key))

            // A plain key may read its own info, not make keys.
            #expect(try await admin.get("/key/info", key: key).status == .ok)
            let refused = try await admin.post("/key/generate", [:], key: key)
            #expect(refused.status == .forbidden)
            #expect((refused.body.json["error"] as? [String: Any])?["code"] as? String == "admin_only")
            #expect(try await admin.chat("sk-not-a-real-key-at-all").status == .unauthorized)
        }
    }

    @Test func modelAllowlistIsEnforcedInEachSurfacesEnvelope() async throws {
        try await withGateway(try Self.config()) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["models": ["mock"]])
            #expect(try await admin.chat(key, model: "mock").status == .ok)
            let denied = try await admin.chat(key, model: "other")
            #expect(denied.status == .forbidden)
            #expect((denied.body.json["error"] as? [String: Any])?["code"] as? String == "model_not_allowed")

            let listed = try await admin.get("/v1/models", key: key)
            #expect((listed.body.json["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["mock"])
            #expect(try await admin.get("/v1/models/other", key: key).status == .notFound)

            let anthropic = try await client.execute(
                uri: "/v1/messages", method: .post,
                headers: [HTTPField.Name("x-api-key")!: key, .contentType: "application/json"],
                body: ByteBuffer(string: #"{"model":"other","max_tokens":5,"messages":[{"role":"user","content":"x"}]}"#)
            )
            #expect(anthropic.status == .forbidden)
            #expect(anthropic.body.json["type"] as? String == "error")
            #expect((anthropic.body.json["error"] as? [String: Any])?["type"] as? String == "permission_error")
        }
    }

    @Test func aSpentBudgetIs402BudgetExceeded() async throws {
        try await withGateway(try Self.config()) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["max_budget": 0.02])
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 { statuses.append(try await admin.chat(key).status) }
            #expect(statuses.first == .ok)
            #expect(statuses.last == .init(code: 402))
            let refused = try await admin.chat(key)
            let error = refused.body.json["error"] as? [String: Any] ?? [:]
            #expect(error["type"] as? String == "budget_exceeded")
            #expect(error["code"] as? String == "budget_exceeded")
            let spend = try await admin.keyInfo(key)["spend"] as? Double ?? 0
            #expect(spend >= 0.02)
        }
    }

    @Test func twoHundredConcurrentRequestsCannotOverspendBeyondTheInFlightHolds() async throws {
        try await withGateway(try Self.config()) { client in
            let admin = AdminClient(client: client)
            let budget = 0.1
            let key = try await admin.generateKey(["max_budget": budget])
            let statuses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, Double).self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        let response = try await admin.chat(key, maxTokens: 5)
                        let cost = response.headers[HTTPField.Name("x-credits-used")!].flatMap(Double.init) ?? 0
                        return (response.status, cost)
                    }
                }
                return try await group.reduce(into: [(HTTPResponse.Status, Double)]()) { $0.append($1) }
            }
            let succeeded = statuses.filter { $0.0 == .ok }
            let spent = succeeded.reduce(0) { $0 + $1.1 }
            #expect(succeeded.count >= 1)
            #expect(statuses.allSatisfy { $0.0 == .ok || $0.0 == .init(code: 402) })
            // Each request holds at least its own cost (body bytes / 4 in, max_tokens out), so
            // the admitted requests' costs stay under the budget plus the last one's hold.
            let hold = Double(#"{"model":"mock","max_tokens":5,"messages":[{"role":"user","content":"x"}]}"#.utf8.count / 4) * 0.001 + 5 * 0.002
            #expect(spent <= budget + hold, "spent \(spent) of \(budget) with a hold of \(hold)")
            #expect(spent > budget - hold * 2, "the budget was usable: spent \(spent)")
            let recorded = try await admin.keyInfo(key)["spend"] as? Double ?? 0
            #expect(abs(recorded - spent) < 1e-9)
        }
    }

    @Test func rpmLimitGives429WithRetryAfterAndRateLimitHeaders() async throws {
        try await withGateway(try Self.config(), clock: ManualClock()) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["rpm_limit": 2, "tpm_limit": 1000])
            let first = try await admin.chat(key)
            #expect(first.status == .ok)
            #expect(first.headers[HTTPField.Name("x-ratelimit-limit-requests")!] == "2")
            #expect(first.headers[HTTPField.Name("x-ratelimit-remaining-requests")!] == "1")
            #expect(first.headers[HTTPField.Name("x-ratelimit-limit-tokens")!] == "1000")
            #expect(first.headers[HTTPField.Name("x-ratelimit-reset-requests")!]?.hasSuffix("s") == true)
            #expect(try await admin.chat(key).status == .ok)
            let limited = try await admin.chat(key)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter].flatMap(Int.init).map { $0 > 0 && $0 <= 60 } == true)
            #expect(limited.headers[HTTPField.Name("x-ratelimit-remaining-requests")!] == "0")
            #expect((limited.body.json["error"] as? [String: Any])?["code"] as? String == "rate_limit_exceeded")
        }
    }

    @Test func theSlidingWindowFreesRoomAsTheMinutePasses() async throws {
        let clock = ManualClock()
        try await withGateway(try Self.config(), clock: clock) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["rpm_limit": 1])
            #expect(try await admin.chat(key).status == .ok)
            #expect(try await admin.chat(key).status == .tooManyRequests)
            clock.advance(by: 121)
            #expect(try await admin.chat(key).status == .ok)
        }
    }

    @Test func tpmLimitCountsTokensAnswersUsed() async throws {
        try await withGateway(try Self.config(), clock: ManualClock()) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["tpm_limit": 5])
            #expect(try await admin.chat(key, maxTokens: 5).status == .ok)
            let limited = try await admin.chat(key)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[HTTPField.Name("x-ratelimit-remaining-tokens")!] == "0")
        }
    }

    @Test func maxParallelRequestsRefusesTheSecondConcurrentRequest() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.delayed(milliseconds: 400, .openAI()))
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(
            """
            model_list:
              - model_name: slow
                litellm_params: {model: openai/gpt-4o, api_base: \(upstream.baseURL), api_key: sk-up}
            general_settings: {master_key: sk-master-123}
            """
        )
        try await withGateway(config) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["max_parallel_requests": 1])
            async let first = admin.chat(key, model: "slow")
            try await Task.sleep(for: .milliseconds(100))
            let second = try await admin.chat(key, model: "slow")
            #expect(second.status == .tooManyRequests)
            #expect((second.body.json["error"] as? [String: Any])?["code"] as? String == "max_parallel_requests_exceeded")
            #expect(try await first.status == .ok)
            #expect(try await admin.chat(key, model: "slow").status == .ok, "the slot is free again")
        }
    }

    @Test func blockUpdateRegenerateAndDelete() async throws {
        try await withGateway(try Self.config()) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey()
            #expect(try await admin.post("/key/block", ["key": key]).status == .ok)
            let blocked = try await admin.chat(key)
            #expect(blocked.status == .unauthorized)
            #expect((blocked.body.json["error"] as? [String: Any])?["code"] as? String == "key_blocked")
            #expect(try await admin.post("/key/unblock", ["key": key]).status == .ok)
            #expect(try await admin.chat(key).status == .ok)

            let updated = try await admin.post("/key/update", ["key": key, "models": ["other"], "key_alias": "renamed"])
            #expect(updated.status == .ok)
            #expect(updated.body.json["key_alias"] as? String == "renamed")
            #expect(try await admin.chat(key, model: "mock").status == .forbidden)

            let regenerated = try await admin.post("/key/regenerate", ["key": key])
            let fresh = regenerated.body.json["key"] as? String ?? ""
            #expect(regenerated.status == .ok && fresh != key)
            #expect(try await admin.chat(key, model: "other").status == .unauthorized)
            #expect(try await admin.chat(fresh, model: "other").status == .ok, "the new secret keeps the settings")

            let listed = try await admin.get("/key/list")
            #expect((listed.body.json["keys"] as? [String])?.contains(KeySecret.hash(fresh)) == true)
            #expect(listed.body.json["total_count"] as? Int == 1)

            let deleted = try await admin.post("/key/delete", ["keys": [fresh]])
            #expect(deleted.status == .ok)
            #expect(deleted.body.json["deleted_keys"] as? [String] == [KeySecret.hash(fresh)])
            #expect(try await admin.chat(fresh, model: "other").status == .unauthorized)
            #expect(try await admin.post("/key/delete", ["keys": [fresh]]).status == .notFound)
        }
    }

    @Test func badAdminInputIsA400NamingTheField() async throws {
        try await withGateway(try Self.config()) { client in
            let admin = AdminClient(client: client)
            for (body, field) in [
                (["max_budget": "lots"], "max_budget"), (["rpm_limit": -1], "rpm_limit"),
                (["budget_duration": "fortnight"], "budget_duration"), (["models": "mock"], "models"),
            ] as [([String: Any], String)] {
                let response = try await admin.post("/key/generate", body)
                #expect(response.status == .badRequest)
                #expect((response.body.json["error"] as? [String: Any])?["param"] as? String == field)
            }
            let malformed = try await client.execute(
                uri: "/key/generate", method: .post, headers: [.authorization: "Bearer sk-master-123"], body: ByteBuffer(string: "{nope")
            )
            #expect(malformed.status == .badRequest)
            #expect(try await admin.get("/key/info?key=sk-unknown-key-123").status == .notFound)
        }
    }

    @Test func anExpiredKeyIs401() async throws {
        let clock = ManualClock()
        try await withGateway(try Self.config(), clock: clock) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["duration": "1h"])
            #expect(try await admin.chat(key).status == .ok)
            clock.advance(by: 3601)
            let expired = try await admin.chat(key)
            #expect(expired.status == .unauthorized)
            #expect((expired.body.json["error"] as? [String: Any])?["code"] as? String == "key_expired")
        }
    }

    @Test func aDailyBudgetResetsAtMidnightUTC() async throws {
        let clock = ManualClock()  // wall time starts at 12:00 UTC
        try await withGateway(try Self.config(), clock: clock) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["max_budget": 0.01, "budget_duration": "1d"])
            let info = try await admin.keyInfo(key)
            #expect(info["budget_reset_at"] as? String == "2026-11-25T00:00:00Z")
            while try await admin.chat(key).status == .ok {}
            #expect(try await admin.chat(key).status == .init(code: 402))
            clock.advance(by: 11 * 3600 + 59 * 60)
            #expect(try await admin.chat(key).status == .init(code: 402), "23:59 is still the same day")
            clock.advance(by: 120)
            #expect(try await admin.chat(key).status == .ok, "a new day, a new budget")
        }
    }

    @Test func aTeamBudgetIsSharedByItsKeysAndAnAdminUsersKeyMayManageKeys() async throws {
        try await withGateway(try Self.config()) { client in
            let admin = AdminClient(client: client)
            let team = try await admin.post("/team/new", ["team_alias": "search", "max_budget": 0.02])
            let teamID = team.body.json["team_id"] as? String ?? ""
            #expect(team.status == .ok && !teamID.isEmpty)
            let first = try await admin.generateKey(["team_id": teamID])
            let second = try await admin.generateKey(["team_id": teamID])
            while try await admin.chat(first).status == .ok {}
            let refused = try await admin.chat(second)
            #expect(refused.status == .init(code: 402), "the team's budget is spent for every key of the team")
            #expect(String(buffer: refused.body).contains("team"))

            let user = try await admin.post("/user/new", ["user_id": "ada", "user_role": "proxy_admin"])
            #expect(user.status == .ok)
            let adaKey = user.body.json["key"] as? String ?? ""
            #expect(try await admin.post("/key/generate", [:], key: adaKey).status == .ok)
            let info = try await admin.get("/team/info?team_id=\(teamID)")
            #expect(((info.body.json["team_info"] as? [String: Any])?["spend"] as? Double ?? 0) >= 0.02)
        }
    }

    @Test func spendLogsAndTheDailyReportShowEveryRequest() async throws {
        try await withGateway(try Self.config()) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["key_alias": "reports", "tags": ["team-a"]])
            for _ in 0..<3 {
                #expect(try await admin.chat(key, headers: [HTTPField.Name("x-switchyard-tags")!: "batch, nightly"]).status == .ok)
            }
            #expect(try await admin.chat(key, model: "other").status == .ok)
            #expect(try await admin.chat(key, model: "missing").status == .notFound)
            // Rows reach the store at the next write (every 0.05 s here).
            var all = try await admin.get("/spend/logs?api_key=\(key)")
            let deadline = ContinuousClock.now + .seconds(10)
            while all.body.json["total"] as? Int != 5, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
                all = try await admin.get("/spend/logs?api_key=\(key)")
            }
            #expect(all.status == .ok)
            #expect(all.body.json["total"] as? Int == 5)
            let rows = all.body.json["data"] as? [[String: Any]] ?? []
            #expect(rows.first?["model_group"] as? String == "missing", "newest first")
            #expect(rows.first?["status_code"] as? Int == 404)
            #expect(rows.allSatisfy { $0["api_key"] as? String == KeySecret.hash(key) })
            #expect(rows.allSatisfy { $0["key_alias"] as? String == "reports" })

            let tagged = try await admin.get("/spend/logs?tag=nightly")
            #expect(tagged.body.json["total"] as? Int == 3)
            let byKeyTag = try await admin.get("/spend/logs?tag=team-a")
            #expect(byKeyTag.body.json["total"] as? Int == 5)
            let other = try await admin.get("/spend/logs?model=other")
            #expect(other.body.json["total"] as? Int == 1)
            let paged = try await admin.get("/spend/logs?page=2&page_size=2")
            #expect((paged.body.json["data"] as? [Any])?.count == 2)
            #expect(paged.body.json["total_pages"] as? Int == 3)
            let future = try await admin.get("/spend/logs?start_date=2999-01-01")
            #expect(future.body.json["total"] as? Int == 0)
            for (status, total) in [("success", 4), ("failure", 1), ("4xx", 1), ("404", 1), ("5xx", 0), ("200", 4)] {
                let filtered = try await admin.get("/spend/logs?api_key=\(key)&status=\(status)")
                #expect(filtered.body.json["total"] as? Int == total, "status=\(status)")
            }
            let failedAndTagged = try await admin.get("/spend/logs?tag=team-a&status=failure")
            #expect((failedAndTagged.body.json["data"] as? [[String: Any]])?.map { $0["status_code"] as? Int } == [404])
            let unknownStatus = try await admin.get("/spend/logs?status=teapot")
            #expect(unknownStatus.status == .badRequest)
            #expect(String(buffer: unknownStatus.body).contains("status"))

            let report = try await admin.get("/global/spend/report")
            let days = (try? JSONSerialization.jsonObject(with: Data(buffer: report.body))) as? [[String: Any]] ?? []
            #expect(days.count == 1)
            let groups = days.first?["teams"] as? [[String: Any]] ?? []
            #expect(Set(groups.compactMap { $0["model_group"] as? String }) == ["mock", "other", "missing"])
            let mock = groups.first { $0["model_group"] as? String == "mock" }
            #expect(mock?["requests"] as? Int == 3)
            let logged = rows.compactMap { $0["spend"] as? Double }.reduce(0, +)
            #expect(abs((days.first?["total_spend"] as? Double ?? 0) - logged) < 1e-9)
            #expect(try await admin.get("/spend/logs", key: key).status == .forbidden)
        }
    }

    @Test func healthShowsUpstreamAddressesAndErrorsToAdminsOnly() async throws {
        let upstream = try await FakeOpenAIUpstream.start(.error(status: 500, message: "upstream secret detail"))
        defer { Task { await upstream.stop() } }
        let config = try TestConfig.load(TestConfig.single(upstream: upstream, settings: "general_settings: {master_key: sk-master-123}"))
        try await withGateway(config) { client in
            let admin = AdminClient(client: client)
            #expect(try await admin.chat("sk-master-123", model: "gpt-4o").status == .internalServerError)
            let key = try await admin.generateKey([:])
            let asAdmin = try await admin.get("/health")
            let endpoint = ((asAdmin.body.json["healthy_endpoints"] as? [[String: Any]]) ?? []) + ((asAdmin.body.json["unhealthy_endpoints"] as? [[String: Any]]) ?? [])
            #expect(endpoint.first?["api_base"] as? String == upstream.baseURL)
            #expect((endpoint.first?["last_error"] as? String)?.contains("upstream secret detail") == true)
            let asKey = try await admin.get("/health", key: key)
            #expect(asKey.status == .ok)
            let text = String(buffer: asKey.body)
            #expect(!text.contains(upstream.baseURL) && !text.contains("upstream secret detail"), "\(text)")
            #expect(text.contains("openai/gpt-4o-2024-08-06"), "the deployments and their state are still listed")
        }
    }

    @Test func aSpentBudgetCanBeAnswered429WhenTheOperatorPromisedThatCode() async throws {
        // Midday on the manual clock: a daily budget resets at midnight, whenever the test runs.
        try await withGateway(try Self.config(extra: "  budget_exceeded_status: 429"), clock: ManualClock()) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["max_budget": 0.02, "budget_duration": "1d"])
            var last: TestResponse?
            for _ in 0..<6 {
                let answer = try await admin.chat(key)
                last = answer
                if answer.status != .ok { break }
            }
            let refused = try #require(last)
            #expect(refused.status == .tooManyRequests)
            let error = refused.body.json["error"] as? [String: Any] ?? [:]
            #expect(error["code"] as? String == "budget_exceeded")
            let retryAfter = refused.headers[.retryAfter].flatMap(Int.init) ?? 0
            #expect(retryAfter > 60 && retryAfter <= 86_400, "the budget resets within the day: \(retryAfter)")
        }
    }
}
