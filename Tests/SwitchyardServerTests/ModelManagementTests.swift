import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// `/model/new`, `/model/info` and `/model/delete`: deployments added at run time serve at
/// once, are listed beside the config file's, survive a restart and a reload, and go when
/// deleted.
@Suite struct ModelManagementTests {
    static let master = "sk-master-123"

    static var newModel: [String: Any] {
        [
        "model_name": "added",
        "litellm_params": ["model": "mock/m", "rpm": 100],
        "model_info": ["input_cost_per_token": 0.001, "output_cost_per_token": 0.002],
        ]
    }

    @Test func anAddedModelServesIsListedAndGoesWhenDeleted() async throws {
        try await withGateway(try TestConfig.load(TestConfig.mockWithMasterKey)) { client async throws in
            let admin = AdminClient(client: client)
            #expect(try await admin.chat(Self.master, model: "added").status == .notFound)

            let made = try await admin.post("/model/new", Self.newModel)
            #expect(made.status == .ok, "\(String(buffer: made.body))")
            let info = try #require(made.body.json["model_info"] as? [String: Any])
            let id = try #require(info["id"] as? String)
            #expect(info["db_model"] as? Bool == true)
            #expect(info["input_cost_per_token"] as? Double == 0.001)

            let answer = try await admin.chat(Self.master, model: "added")
            #expect(answer.status == .ok)
            #expect(answer.headers[HTTPField.Name("x-credits-used")!] != nil, "priced from the model_info it was added with")

            let listed = try await admin.get("/model/info")
            let data = try #require(listed.body.json["data"] as? [[String: Any]])
            #expect(data.compactMap { $0["model_name"] as? String } == ["mock", "added"])
            #expect(data.compactMap { ($0["model_info"] as? [String: Any])?["db_model"] as? Bool } == [false, true])
            let one = try await admin.get("/v1/model/info?litellm_model_id=\(id)")
            #expect((one.body.json["data"] as? [[String: Any]])?.count == 1)

            let deleted = try await admin.post("/model/delete", ["id": id])
            #expect(deleted.status == .ok)
            #expect(try await admin.chat(Self.master, model: "added").status == .notFound)
            #expect(try await admin.post("/model/delete", ["id": id]).status == .notFound)
            let fromFile = try await admin.post("/model/delete", ["id": "mock/m"])
            #expect(fromFile.status == .badRequest)
            #expect((AdminClient.error(fromFile)["message"] as? String)?.contains("config file") == true)
        }
    }

    @Test func badModelsAreRefusedWithTheProblemNamed() async throws {
        try await withGateway(try TestConfig.load(TestConfig.mockWithMasterKey)) { client async throws in
            let admin = AdminClient(client: client)
            let badBase = try await admin.post("/model/new", ["model_name": "x", "litellm_params": ["model": "openai/gpt-4o", "api_base": "not a url"]])
            #expect(badBase.status == .badRequest)
            #expect((AdminClient.error(badBase)["message"] as? String)?.contains("litellm_params.api_base") == true, "\(AdminClient.error(badBase))")
            #expect(try await admin.post("/model/new", ["litellm_params": ["model": "mock/m"]]).status == .badRequest)
            #expect(try await admin.post("/model/new", ["model_name": "x"]).status == .badRequest)
            #expect(try await admin.post("/model/new", ["model_name": "x", "litellm_params": ["model": "mock/m"], "model_info": ["id": "mock/m"]]).status == .badRequest)
            #expect(try await admin.post("/model/delete", [:]).status == .badRequest)

            let key = try await admin.generateKey(["models": ["mock"]])
            #expect(try await admin.post("/model/new", Self.newModel, key: key).status == .forbidden)
            #expect(try await admin.post("/model/delete", ["id": "x"], key: key).status == .forbidden)
            let seen = try await admin.get("/model/info", key: key)
            let data = try #require(seen.body.json["data"] as? [[String: Any]])
            #expect(data.count == 1 && data[0]["litellm_params"] == nil, "a key sees the groups it may call, without their parameters")
        }
    }

    @Test func storedModelsSurviveARestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("models-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let config = try TestConfig.load(TestConfig.mockWithMasterKey)
        try await withGateway(config, store: .sqlite(path: path)) { client async throws in
            #expect(try await AdminClient(client: client).post("/model/new", Self.newModel).status == .ok)
        }
        try await withGateway(config, store: .sqlite(path: path)) { client async throws in
            let admin = AdminClient(client: client)
            // The stored models are read with the first store sync, before the gateway is ready.
            var status = HTTPResponse.Status.notFound
            for _ in 0..<200 where status != .ok {
                status = try await admin.chat(Self.master, model: "added").status
                if status != .ok { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(status == .ok)
        }
    }
}
