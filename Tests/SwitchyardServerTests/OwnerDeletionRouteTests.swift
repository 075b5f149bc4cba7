import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import Testing

/// `/team/delete` and `/user/delete`: the teams or users go, with their keys, at once.
@Suite struct OwnerDeletionRouteTests {
    static let config = TestConfig.mockWithMasterKey

    @Test func deletingATeamStopsItsKeysAtOnceAndLeavesOthersAlone() async throws {
        try await withGateway(try TestConfig.load(Self.config)) { client in
            let admin = AdminClient(client: client)
            #expect(try await admin.post("/team/new", ["team_id": "red"]).status == .ok)
            #expect(try await admin.post("/team/new", ["team_id": "blue"]).status == .ok)
            let red = try await admin.generateKey(["team_id": "red"])
            let blue = try await admin.generateKey(["team_id": "blue"])
            #expect(try await admin.chat(red).status == .ok)

            let deleted = try await admin.post("/v1/team/delete", ["team_ids": ["red", "nobody"]])
            #expect(deleted.status == .ok, "\(String(buffer: deleted.body))")
            #expect(deleted.body.json["deleted_teams"] as? [String] == ["red"])
            #expect(deleted.body.json["deleted_keys"] as? [String] == [KeySecret.hash(red)])
            #expect(try await admin.chat(red).status == .unauthorized)
            #expect(try await admin.chat(blue).status == .ok)
            #expect(try await admin.get("/team/info?team_id=red").status == .notFound)

            let again = try await admin.post("/team/delete", ["team_ids": ["red"]])
            #expect(again.status == .notFound)
            #expect(AdminClient.error(again)["code"] as? String == "team_not_found")
            #expect(try await admin.post("/team/delete", ["team_ids": []]).status == .badRequest)
            #expect(try await admin.post("/team/delete", ["team_ids": "red"]).status == .badRequest)
            #expect(try await admin.post("/team/delete", ["team_ids": ["blue"]], key: blue).status == .forbidden)
        }
    }

    @Test func deletingAUserStopsTheirKeys() async throws {
        try await withGateway(try TestConfig.load(Self.config)) { client in
            let admin = AdminClient(client: client)
            let made = try await admin.post("/user/new", ["user_id": "ana"])
            let key = try #require(made.body.json["key"] as? String)
            #expect(try await admin.chat(key).status == .ok)
            let deleted = try await admin.post("/user/delete", ["user_ids": ["ana"]])
            #expect(deleted.body.json["deleted_users"] as? [String] == ["ana"])
            #expect(deleted.body.json["deleted_keys"] as? [String] == [KeySecret.hash(key)])
            #expect(try await admin.chat(key).status == .unauthorized)
            #expect(try await admin.get("/user/info?user_id=ana").status == .notFound)
        }
    }
}
