import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /ui` and its assets: open, typed, validated by ETag, locked down by a strict
/// Content-Security-Policy; and the routes the console needs (`/ui/session`, `/user/list`).
@Suite struct ConsoleRouteTests {
    static let assets = [
        ("/ui", "text/html; charset=utf-8"),
        ("/ui/", "text/html; charset=utf-8"),
        ("/ui/console.css", "text/css; charset=utf-8"),
        ("/ui/console.js", "text/javascript; charset=utf-8"),
    ]

    @Test(arguments: assets)
    func everyAssetIsOpenTypedAndUnderAStrictPolicy(path: String, contentType: String) async throws {
        try await withGateway(try TestConfig.load(TestConfig.mockWithMasterKey)) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == contentType)
            #expect(response.headers[.cacheControl] == "no-cache")
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            let policy = try #require(response.headers[.contentSecurityPolicy])
            #expect(policy.hasPrefix("default-src 'self'"))
            #expect(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"))
            #expect(!policy.contains("unsafe"), "no inline script or style is allowed")
            #expect(response.body.readableBytes > 500)
        }
    }

    @Test func thePageLoadsOnlyItsOwnFilesAndNoInlineScript() async throws {
        try await withGateway(try TestConfig.load(TestConfig.mockWithMasterKey)) { client in
            let page = String(buffer: try await client.execute(uri: "/ui", method: .get).body)
            #expect(page.contains(#"<script src="/ui/console.js" defer></script>"#))
            #expect(page.contains(#"<link rel="stylesheet" href="/ui/console.css">"#))
            #expect(page.components(separatedBy: "<script").count == 2, "one script element, loaded from a file")
            #expect(!page.contains("<style") && !page.contains(" style=") && !page.contains("http"))
            let script = String(buffer: try await client.execute(uri: "/ui/console.js", method: .get).body)
            #expect(script.contains("sessionStorage") && !script.contains("localStorage") && !script.contains("document.cookie"))
        }
    }

    @Test func aCurrentCopyIsAnsweredWithNotModified() async throws {
        try await withGateway(try TestConfig.load(TestConfig.mockWithMasterKey)) { client in
            let first = try await client.execute(uri: "/ui/console.js", method: .get)
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count == 34)
            let again = try await client.execute(uri: "/ui/console.js", method: .get, headers: [.ifNoneMatch: "\"other\", \(etag)"])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.eTag] == etag)
            let weak = try await client.execute(uri: "/ui/console.js", method: .get, headers: [.ifNoneMatch: "W/\(etag)"])
            #expect(weak.status == .notModified)
            let stale = try await client.execute(uri: "/ui/console.js", method: .get, headers: [.ifNoneMatch: "\"stale\""])
            #expect(stale.status == .ok)
            #expect(stale.body.readableBytes == first.body.readableBytes)
            let page = try await client.execute(uri: "/ui", method: .get)
            #expect(page.headers[.eTag] != etag, "each asset has its own tag")
        }
    }

    @Test(arguments: ["/ui/missing.js", "/ui/console.js/x", "/ui/../openapi.json.js"])
    func anUnknownAssetIsNotFound(path: String) async throws {
        try await withGateway(try TestConfig.load(TestConfig.mockWithMasterKey)) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/json")
        }
    }

    @Test func theSessionRouteSaysWhetherAKeyMayAdminister() async throws {
        try await withGateway(try TestConfig.load(TestConfig.mockWithMasterKey)) { client in
            let admin = AdminClient(client: client)
            let missing = try await client.execute(uri: "/ui/session", method: .get)
            #expect(missing.status == .unauthorized)
            let master = try await admin.get("/ui/session")
            #expect(master.body.json["admin"] as? Bool == true)
            #expect(master.body.json["key"] is NSNull)
            let key = try await admin.generateKey(["key_alias": "plain"])
            let plain = try await admin.get("/ui/session", key: key)
            #expect(plain.body.json["admin"] as? Bool == false)
            #expect((plain.body.json["key"] as? String)?.count == 64)
            let wrong = try await admin.get("/ui/session", key: "sk-not-a-key")
            #expect(wrong.status == .unauthorized)
        }
    }

    @Test func usersAreListedByIdInPagesForAdminsOnly() async throws {
        try await withGateway(try TestConfig.load(TestConfig.mockWithMasterKey)) { client in
            let admin = AdminClient(client: client)
            for id in ["bob", "alice", "carol"] {
                let made = try await admin.post("/user/new", ["user_id": id, "user_email": "\(id)@example.com", "auto_create_key": false])
                #expect(made.status == .ok)
            }
            let first = try await admin.get("/user/list?page_size=2").body.json
            #expect((first["users"] as? [[String: Any]])?.compactMap { $0["user_id"] as? String } == ["alice", "bob"])
            #expect(first["total"] as? Int == 3 && first["total_pages"] as? Int == 2 && first["page"] as? Int == 1)
            let second = try await admin.get("/user/list?page_size=2&page=2").body.json
            #expect((second["users"] as? [[String: Any]])?.first?["user_email"] as? String == "carol@example.com")
            let key = try await admin.generateKey()
            let refused = try await admin.get("/user/list", key: key)
            #expect(refused.status == .forbidden)
        }
    }
}
