import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// `/key/topup` and `/team/topup`: prepaid balances are budgets with no reset, and a top-up
/// raises one at once for the replica that served it.
@Suite struct TopUpRouteTests {
    static let doubled = 0.044

    @Test func aKeyRefusedForItsSpentBalanceIsServedAgainOnceToppedUp() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try BillingTests.config(upstream)) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["max_budget": 0.02])
            #expect(try await admin.chat(key, model: "doubled").status == .ok)
            let refused = try await admin.chat(key, model: "doubled")
            #expect(refused.status.code == 402)
            #expect(AdminClient.error(refused)["type"] as? String == "budget_exceeded")

            let topped = try await admin.post("/key/topup", ["key": key, "amount": 0.1])
            #expect(topped.status == .ok, "\(String(buffer: topped.body))")
            #expect(topped.body.json["token"] as? String == KeySecret.hash(key))
            #expect(topped.body.json["amount"] as? Double == 0.1)
            #expect(abs((topped.body.json["max_budget"] as? Double ?? 0) - 0.12) < 1e-9)
            #expect(abs((topped.body.json["spend"] as? Double ?? 0) - Self.doubled) < 1e-9)
            #expect(try await admin.chat(key, model: "doubled").status == .ok, "the new budget admits at once")
            #expect(abs((try await admin.keyInfo(key)["max_budget"] as? Double ?? 0) - 0.12) < 1e-9)

            // The key's hash (its token) names it too, under every prefix admin routes take.
            let byToken = try await admin.post("/v1/key/topup", ["key": KeySecret.hash(key), "amount": 1])
            #expect(abs((byToken.body.json["max_budget"] as? Double ?? 0) - 1.12) < 1e-9)
        }
    }

    @Test func aTeamRefusedForItsSpentBalanceIsServedAgainOnceToppedUp() async throws {
        let upstream = try await FakeOpenAIUpstream.start()
        defer { Task { await upstream.stop() } }
        try await withGateway(try BillingTests.config(upstream)) { client in
            let admin = AdminClient(client: client)
            #expect(try await admin.post("/team/new", ["team_id": "prepaid", "max_budget": 0.01]).status == .ok)
            let key = try await admin.generateKey(["team_id": "prepaid"])
            #expect(try await admin.chat(key, model: "doubled").status == .ok)
            #expect(try await admin.chat(key, model: "doubled").status.code == 402)

            let topped = try await admin.post("/api/v1/team/topup", ["team_id": "prepaid", "amount": 5])
            #expect(topped.status == .ok, "\(String(buffer: topped.body))")
            #expect(topped.body.json["team_id"] as? String == "prepaid")
            #expect(abs((topped.body.json["max_budget"] as? Double ?? 0) - 5.01) < 1e-9)
            #expect(abs((topped.body.json["spend"] as? Double ?? 0) - Self.doubled) < 1e-9)
            #expect(try await admin.chat(key, model: "doubled").status == .ok)
            let info = try await admin.get("/team/info?team_id=prepaid")
            #expect(abs(((info.body.json["team_info"] as? [String: Any])?["max_budget"] as? Double ?? 0) - 5.01) < 1e-9)
        }
    }

    @Test func onlyTheMasterKeyOrAnAdminMayTopUp() async throws {
        try await withGateway(try GovernanceTests.config()) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["max_budget": 1])
            for path in ["/key/topup", "/team/topup"] {
                let refused = try await admin.post(path, ["key": key, "team_id": "t", "amount": 100], key: key)
                #expect(refused.status == .forbidden)
                #expect(AdminClient.error(refused)["code"] as? String == "admin_only")
                let anonymous = try await client.execute(
                    uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: #"{"key":"x","amount":1}"#)
                )
                #expect(anonymous.status == .unauthorized)
            }
            #expect(try await admin.keyInfo(key)["max_budget"] as? Double == 1, "a refused top-up changed nothing")
        }
    }

    @Test func badInputIsA400OrA404NamingTheField() async throws {
        try await withGateway(try GovernanceTests.config()) { client in
            let admin = AdminClient(client: client)
            let key = try await admin.generateKey(["max_budget": 1])
            #expect(try await admin.post("/team/new", ["team_id": "t1"]).status == .ok)
            let cases: [(path: String, body: [String: Any], status: Int, param: String, code: String)] = [
                ("/key/topup", ["amount": 1], 400, "key", "invalid_request"),
                ("/key/topup", ["key": key], 400, "amount", "invalid_request"),
                ("/key/topup", ["key": key, "amount": NSNull()], 400, "amount", "invalid_request"),
                ("/key/topup", ["key": key, "amount": -5], 400, "amount", "invalid_request"),
                ("/key/topup", ["key": key, "amount": 0], 400, "amount", "invalid_request"),
                ("/key/topup", ["key": key, "amount": "10"], 400, "amount", "invalid_request"),
                ("/key/topup", ["key": key, "amount": 1e300], 400, "amount", "invalid_request"),
                ("/key/topup", ["key": 42, "amount": 1], 400, "key", "invalid_request"),
                ("/key/topup", ["key": "sk-no-such-key-anywhere", "amount": 1], 404, "key", "key_not_found"),
                ("/team/topup", ["amount": 1], 400, "team_id", "invalid_request"),
                ("/team/topup", ["team_id": "t1", "amount": "lots"], 400, "amount", "invalid_request"),
                ("/team/topup", ["team_id": "no-such-team", "amount": 1], 404, "team_id", "team_not_found"),
            ]
            for item in cases {
                let response = try await admin.post(item.path, item.body)
                let error = AdminClient.error(response)
                #expect(response.status.code == item.status, "\(item.path) \(item.body): \(String(buffer: response.body))")
                #expect(error["param"] as? String == item.param, "\(item.path) \(item.body)")
                #expect(error["code"] as? String == item.code, "\(item.path) \(item.body)")
                #expect(error["message"] is String && error["type"] is String)
            }
            for body in ["{nope", "[1]"] {
                let malformed = try await client.execute(
                    uri: "/key/topup", method: .post, headers: [.authorization: "Bearer sk-master-123"], body: ByteBuffer(string: body)
                )
                #expect(malformed.status == .badRequest)
            }
            #expect(try await admin.keyInfo(key)["max_budget"] as? Double == 1, "no bad request changed the budget")
        }
    }
}
