import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardServer
import Testing

/// The Files API through the HTTP surface: uploads streamed in chunks, reads, lists, deletes,
/// who sees what, and the storage headers.
@Suite struct FilesRoutesTests {
    static func config(_ extra: String = "") throws -> GatewayConfig {
        try TestConfig.load(
            """
            model_list:
              - model_name: mock
                litellm_params: {model: mock/m}
            general_settings:
              master_key: sk-master-123
              proxy_batch_write_at: 0.05
            \(extra)
            """
        )
    }

    @Test func anUploadRoundTripsByteForByte() async throws {
        try await withGateway(try Self.config()) { client in
            let admin = AdminClient(client: client)
            let files = FilesClient(client: client)
            let key = try await admin.generateKey()
            // Over 32 KiB: the test client hands the body on in 32 KiB chunks, so the file's
            // bytes and its closing delimiter arrive across several.
            let content = FilesClient.random(300_017)
            let created = try await files.upload(content, key: key, purpose: "assistants", filename: "notes.pdf")
            #expect(created.status == .ok, "\(String(buffer: created.body))")
            let object = created.body.json
            let id = try #require(object["id"] as? String)
            #expect(id.hasPrefix("file-"))
            #expect(object["object"] as? String == "file")
            #expect(object["bytes"] as? Int == content.count)
            #expect(object["filename"] as? String == "notes.pdf")
            #expect(object["purpose"] as? String == "assistants")
            #expect(object["status"] as? String == "processed")
            #expect(object["status_details"] is NSNull)
            #expect(object["expires_at"] is NSNull)
            #expect((object["created_at"] as? Int ?? 0) > 1_700_000_000)
            #expect(created.storageUsed == content.count)
            #expect(created.storageLimit == 1024 * 1024 * 1024, "the default limit, 1024 MB")

            let retrieved = try await files.get("/v1/files/\(id)", key: key)
            #expect(retrieved.status == .ok)
            #expect(NSDictionary(dictionary: retrieved.body.json) == NSDictionary(dictionary: object))

            let downloaded = try await files.get("/v1/files/\(id)/content", key: key)
            #expect(downloaded.status == .ok)
            #expect(downloaded.headers[.contentType] == "application/octet-stream")
            #expect(downloaded.headers[.contentLength] == String(content.count))
            #expect(Array(downloaded.body.readableBytesView) == content)
            #expect(downloaded.storageUsed == content.count)

            let listed = try await files.get("/v1/files", key: key)
            #expect(FilesClient.ids(listed) == [id])
            #expect(listed.body.json["object"] as? String == "list")

            let deleted = try await files.delete(id, key: key)
            #expect(deleted.status == .ok)
            #expect(deleted.body.json["deleted"] as? Bool == true)
            #expect(deleted.body.json["object"] as? String == "file")
            #expect(deleted.storageUsed == 0)
            let gone = try await files.get("/v1/files/\(id)", key: key)
            #expect(gone.status == .notFound)
            #expect(AdminClient.error(gone)["code"] as? String == "file_not_found")
            #expect(gone.storageUsed == 0 && gone.storageLimit != nil)
            #expect(try await files.get("/v1/files/\(id)/content", key: key).status == .notFound)
        }
    }

    @Test func everyPrefixServesTheRoutes() async throws {
        try await withGateway(try Self.config()) { client in
            let files = FilesClient(client: client)
            for prefix in ["", "/v1", "/api/v1"] {
                let created = try await files.upload([1, 2, 3], key: "sk-master-123", uri: "\(prefix)/files")
                #expect(created.status == .ok, "\(prefix)")
                let id = created.body.json["id"] as? String ?? ""
                #expect(try await files.get("\(prefix)/files/\(id)/content", key: "sk-master-123").body == ByteBuffer(bytes: [1, 2, 3]))
                #expect(try await client.execute(uri: "\(prefix)/files/\(id)", method: .delete, headers: [.authorization: "Bearer sk-master-123"]).status == .ok)
            }
            // The master key has no limit: the limit header is left out.
            let listed = try await files.get("/v1/files", key: "sk-master-123")
            #expect(listed.storageUsed == 0 && listed.storageLimit == nil)
            #expect(try await client.execute(uri: "/v1/files", method: .get).status == .unauthorized)
        }
    }

    @Test func aFileIsVisibleToItsKeyItsTeamAndAdminsOnly() async throws {
        try await withGateway(try Self.config()) { client in
            let admin = AdminClient(client: client)
            let files = FilesClient(client: client)
            #expect(try await admin.post("/team/new", ["team_id": "research"]).status == .ok)
            let owner = try await admin.generateKey(["team_id": "research"])
            let teammate = try await admin.generateKey(["team_id": "research"])
            let stranger = try await admin.generateKey()
            let adminUser = try await admin.post("/user/new", ["user_id": "ada", "user_role": "proxy_admin"]).body.json["key"] as? String ?? ""
            let id = try await files.upload(Array("secret".utf8), key: owner).body.json["id"] as? String ?? ""
            let own = try await files.upload(Array("mine".utf8), key: stranger).body.json["id"] as? String ?? ""

            for path in ["/v1/files/\(id)", "/v1/files/\(id)/content"] {
                let refused = try await files.get(path, key: stranger)
                #expect(refused.status == .notFound, "\(path)")
                #expect(AdminClient.error(refused)["type"] as? String == "invalid_request_error" || AdminClient.error(refused)["message"] != nil)
            }
            #expect(try await files.delete(id, key: stranger).status == .notFound)
            #expect(FilesClient.ids(try await files.get("/v1/files", key: stranger)) == [own])

            #expect(try await files.get("/v1/files/\(id)/content", key: teammate).body == ByteBuffer(string: "secret"))
            #expect(FilesClient.ids(try await files.get("/v1/files", key: teammate)) == [id])

            // Admins see everyone's files, and may delete them.
            #expect(Set(FilesClient.ids(try await files.get("/v1/files", key: adminUser))) == [id, own])
            #expect(Set(FilesClient.ids(try await files.get("/v1/files", key: "sk-master-123"))) == [id, own])
            #expect(try await files.get("/v1/files/\(own)/content", key: adminUser).body == ByteBuffer(string: "mine"))
            #expect(try await files.delete(own, key: "sk-master-123").status == .ok)
            #expect(try await files.get("/v1/files/\(own)", key: stranger).status == .notFound)
        }
    }

    @Test func listsPageByCursorInEitherOrder() async throws {
        let clock = ManualClock()
        try await withGateway(try Self.config(), clock: clock) { client in
            let admin = AdminClient(client: client)
            let files = FilesClient(client: client)
            let key = try await admin.generateKey()
            var ids: [String] = []
            for index in 0..<5 {
                let purpose = index == 2 ? "batch" : "user_data"
                ids.append(try await files.upload([UInt8(index)], key: key, purpose: purpose).body.json["id"] as? String ?? "")
                clock.advance(by: 1)
            }
            let newest = Array(ids.reversed())
            let first = try await files.get("/v1/files?limit=2", key: key)
            #expect(FilesClient.ids(first) == Array(newest[0..<2]))
            #expect(first.body.json["has_more"] as? Bool == true)
            #expect(first.body.json["first_id"] as? String == newest[0])
            #expect(first.body.json["last_id"] as? String == newest[1])
            let second = try await files.get("/v1/files?limit=2&after=\(newest[1])", key: key)
            #expect(FilesClient.ids(second) == Array(newest[2..<4]))
            let last = try await files.get("/v1/files?limit=2&after=\(newest[3])", key: key)
            #expect(FilesClient.ids(last) == [newest[4]])
            #expect(last.body.json["has_more"] as? Bool == false)
            // Before a cursor: the page closest to it.
            let back = try await files.get("/v1/files?limit=2&before=\(newest[4])", key: key)
            #expect(FilesClient.ids(back) == Array(newest[2..<4]))
            #expect(back.body.json["has_more"] as? Bool == true)

            let ascending = try await files.get("/v1/files?order=asc&limit=3", key: key)
            #expect(FilesClient.ids(ascending) == Array(ids[0..<3]))
            #expect(FilesClient.ids(try await files.get("/v1/files?order=asc&after=\(ids[2])", key: key)) == Array(ids[3...]))
            #expect(FilesClient.ids(try await files.get("/v1/files?purpose=batch", key: key)) == [ids[2]])
            #expect(FilesClient.ids(try await files.get("/v1/files?after=file-unknown", key: key)) == [])

            let empty = try await files.get("/v1/files?purpose=evals", key: key)
            #expect(empty.body.json["first_id"] is NSNull && empty.body.json["has_more"] as? Bool == false)
            #expect(try await files.get("/v1/files?limit=0", key: key).status == .badRequest)
            #expect(try await files.get("/v1/files?limit=10001", key: key).status == .badRequest)
            #expect(try await files.get("/v1/files?order=sideways", key: key).status == .badRequest)
        }
    }

    @Test func badFormsAreRefusedAndLeaveNothing() async throws {
        try await withGateway(try Self.config()) { client in
            let admin = AdminClient(client: client)
            let files = FilesClient(client: client)
            let key = try await admin.generateKey()
            let cases: [(String, ByteBuffer, String, String?)] = [
                ("not multipart", ByteBuffer(string: #"{"purpose":"batch"}"#), "application/json", nil),
                ("no file part", FilesClient.form(file: nil, fields: [("purpose", "batch")]), FilesClient.formType, "file"),
                ("no purpose", FilesClient.form(file: [1, 2], fields: []), FilesClient.formType, "purpose"),
                ("unknown purpose", FilesClient.form(file: [1, 2], fields: [("purpose", "memes")]), FilesClient.formType, "purpose"),
                ("late unknown purpose", FilesClient.form(file: [1, 2], fields: [], trailing: [("purpose", "memes")]), FilesClient.formType, "purpose"),
                ("bad anchor", FilesClient.form(file: [1], fields: [("purpose", "batch"), ("expires_after[anchor]", "now"), ("expires_after[seconds]", "3600")]), FilesClient.formType, "expires_after[anchor]"),
                ("short lifetime", FilesClient.form(file: [1], fields: [("purpose", "batch"), ("expires_after[anchor]", "created_at"), ("expires_after[seconds]", "60")]), FilesClient.formType, "expires_after[seconds]"),
                ("unclosed", ByteBuffer(string: "--\(FilesClient.boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\nabc"), FilesClient.formType, nil),
                ("two files", FilesClient.form(file: [1], fields: [("purpose", "batch")], trailing: [("file", "again")]), FilesClient.formType, "file"),
                ("no boundary", FilesClient.form(file: [1], fields: [("purpose", "batch")]), "multipart/form-data", nil),
            ]
            for (name, body, contentType, param) in cases {
                let answer = try await files.send(body, key: key, contentType: contentType)
                #expect(answer.status == .badRequest, "\(name): \(String(buffer: answer.body))")
                if let param { #expect(AdminClient.error(answer)["param"] as? String == param, "\(name)") }
                #expect(answer.storageUsed == 0, "\(name)")
            }
            #expect(FilesClient.ids(try await files.get("/v1/files", key: key)) == [])
        }
    }

    @Test func anEmptyFileIsAFile() async throws {
        try await withGateway(try Self.config()) { client in
            let files = FilesClient(client: client)
            let created = try await files.upload([], key: "sk-master-123", filename: "empty.txt")
            #expect(created.status == .ok)
            #expect(created.body.json["bytes"] as? Int == 0)
            let id = created.body.json["id"] as? String ?? ""
            let content = try await files.get("/v1/files/\(id)/content", key: "sk-master-123")
            #expect(content.status == .ok && content.body.readableBytes == 0 && content.headers[.contentLength] == "0")
        }
    }

    @Test func aPurposeAfterTheFileAndUnknownFieldsAreFine() async throws {
        try await withGateway(try Self.config()) { client in
            let files = FilesClient(client: client)
            let body = FilesClient.form(file: [9, 9], fields: [("note", "ignored")], trailing: [("purpose", "fine-tune")])
            let answer = try await files.send(body, key: "sk-master-123")
            #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            #expect(answer.body.json["purpose"] as? String == "fine-tune")
        }
    }

    @Test func filesAreGovernedAndLogged() async throws {
        try await withGateway(try Self.config()) { client in
            let admin = AdminClient(client: client)
            let files = FilesClient(client: client)
            let key = try await admin.generateKey(["rpm_limit": 3])
            let id = try await files.upload([1], key: key).body.json["id"] as? String ?? ""
            #expect(try await files.get("/v1/files/\(id)", key: key).status == .ok)
            #expect(try await files.get("/v1/files/\(id)/content", key: key).status == .ok)
            let limited = try await files.get("/v1/files", key: key)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
            #expect(limited.storageUsed == 1)

            let blocked = try await admin.generateKey()
            #expect(try await admin.post("/key/block", ["key": blocked]).status == .ok)
            #expect(try await files.get("/v1/files", key: blocked).status == .unauthorized)
            #expect(try await files.get("/v1/files", key: "sk-not-a-key").status == .unauthorized)

            let hash = KeySecret.hash(key)
            let rows = try await admin.spendLogs("api_key=\(hash)", count: 3)
            #expect(Set(rows.compactMap { $0["call_type"] as? String }) == ["files.create", "files.retrieve", "files.content"])
            #expect(rows.allSatisfy { $0["spend"] as? Double == 0 })
        }
    }
}
