import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeanHTTP
import Logging
import NIOCore
import SwitchyardCore
import Testing

@testable import SwitchyardServer

@Suite struct OpenAPIDocumentTests {
    static let config = TestConfig.mockWithMasterKey

    /// The description as the gateway serves it, with no key.
    static func document() async throws -> [String: Any] {
        let box = DocumentBox()
        try await withGateway(try TestConfig.load(config)) { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            box.set(try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]))
        }
        return box.value
    }

    /// Every method and path the router serves, as Hummingbird lists them (`{id}` for a
    /// parameter, `**` for a catch-all).
    static func registeredRoutes() async throws -> [(method: String, path: String)] {
        let opened = try StoreLocation.sqlite(path: ":memory:").open()
        let client = makeUpstreamHTTPClient(requestTimeout: 1)
        let pool = HTTP1ConnectionPool(configuration: .init())
        let config = try TestConfig.load(Self.config)
        let gateway = Gateway(
            config: config, httpClient: client, pool: pool, store: opened.store, fileBlobs: opened.blobs, jobBlobs: opened.jobBlobs, clock: SystemGatewayClock()
        )
        let logger = Logger(label: "test")
        let router = try makeRouter(
            gateway: gateway, batchScheduler: BatchScheduler(gateway: gateway, files: BatchFiles(gateway: gateway), logger: logger),
            catalog: ModelCatalog(gateway: gateway), reloader: ConfigReloader(gateway: gateway, catalog: ModelCatalog(gateway: gateway), source: nil, logger: logger),
            clock: SystemGatewayClock()
        )
        await pool.shutdown()
        try await client.shutdown()
        return router.routes.map { ($0.method.rawValue, $0.path.description) }
    }

    @Test func everyRegisteredRouteIsDescribedAndEveryDescribedRouteIsServed() async throws {
        let paths = try #require(try await Self.document()["paths"] as? [String: [String: Any]])
        let described = paths.flatMap { path, item in item.keys.map { (method: $0.uppercased(), path: path) } }
        let routes = try await Self.registeredRoutes()
        #expect(routes.count > 150)
        for route in routes {
            let found = described.contains { $0.method == route.method && Self.route(route.path, serves: $0.path) }
            #expect(found, "\(route.method) \(route.path) is served but /openapi.json does not describe it")
        }
        for operation in described {
            let served = routes.contains { $0.method == operation.method && Self.route($0.path, serves: operation.path) }
            #expect(served, "\(operation.method) \(operation.path) is described but not served")
        }
        // Spot checks across the kinds of routes.
        for (method, path) in [
            ("post", "/v1/chat/completions"), ("post", "/key/generate"), ("post", "/v1/key/generate"), ("get", "/api/v1/spend/logs"),
            ("post", "/v1beta/models/{model}:streamGenerateContent"), ("post", "/gemini/v1beta/models/{model}:embedContent"),
            ("get", "/v1/responses/{id}/input_items"), ("delete", "/v1/responses/{id}"), ("post", "/v1/messages/count_tokens"),
            ("post", "/v2/rerank"), ("get", "/health/liveliness"), ("get", "/metrics"), ("get", "/openapi.json"), ("get", "/docs"),
            ("post", "/key/{key}/regenerate"), ("post", "/v1/utils/token_counter"), ("post", "/v1/ocr"),
        ] {
            #expect(paths[path]?[method] != nil, "\(method) \(path) missing")
        }
    }

    /// Whether a router path (`/v1/models/**`) serves a described path (`/v1/models/{model}`).
    static func route(_ routePath: String, serves documentPath: String) -> Bool {
        guard let wildcard = routePath.range(of: "/**", options: .backwards), wildcard.upperBound == routePath.endIndex else {
            return routePath == documentPath
        }
        return documentPath.hasPrefix(routePath[..<wildcard.lowerBound] + "/{")
    }

    @Test func theDocumentIsOpenAPI31WithResolvableReferencesAndUniqueOperationIDs() async throws {
        let document = try await Self.document()
        #expect(document["openapi"] as? String == "3.1.0")
        let components = try #require(document["components"] as? [String: Any])
        let schemas = try #require(components["schemas"] as? [String: Any])
        let responses = try #require(components["responses"] as? [String: Any])
        let security = try #require(components["securitySchemes"] as? [String: [String: Any]])
        #expect(security["bearer"]?["scheme"] as? String == "bearer")
        #expect(security["apiKeyHeader"]?["name"] as? String == "x-api-key")
        #expect(security["googleApiKeyHeader"]?["name"] as? String == "x-goog-api-key")
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        var ids = Set<String>()
        for (path, item) in paths {
            for (method, operation) in item {
                let id = try #require(operation["operationId"] as? String)
                #expect(ids.insert(id).inserted, "operationId \(id) repeats")
                #expect(operation["responses"] is [String: Any], "\(method) \(path) has no responses")
                for parameter in path.split(separator: "{").dropFirst().compactMap({ $0.split(separator: "}").first }) {
                    let declared = (operation["parameters"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == String(parameter) && $0["in"] as? String == "path" }
                    #expect(declared, "\(method) \(path) does not declare its path parameter \(parameter)")
                }
            }
        }
        var references: [String] = []
        Self.collectReferences(document, into: &references)
        #expect(!references.isEmpty)
        for reference in Set(references) {
            let parts = reference.split(separator: "/").map(String.init)
            #expect(parts.count == 4 && parts[0] == "#" && parts[1] == "components", "\(reference) is not a component")
            let resolved = parts.count == 4 && (parts[2] == "schemas" ? schemas[parts[3]] : parts[2] == "responses" ? responses[parts[3]] : nil) != nil
            #expect(resolved, "\(reference) does not resolve")
        }
    }

    @Test func adminOperationsNeedTheAdminAndDescribeTheirBodiesAndAnswers() async throws {
        let document = try await Self.document()
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        func bodySchema(_ operation: [String: Any]) -> [String: Any]? {
            let schema = (((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
            return (schema?["$ref"] as? String).flatMap { schemas[String($0.split(separator: "/").last ?? "")] } ?? schema
        }
        let generate = try #require(paths["/key/generate"]?["post"])
        #expect((generate["security"] as? [Any])?.isEmpty == false)
        #expect((generate["responses"] as? [String: Any])?["403"] != nil)
        let body = try #require(bodySchema(generate))
        let properties = try #require(body["properties"] as? [String: [String: Any]])
        for name in ["key", "key_alias", "models", "max_budget", "budget_duration", "rpm_limit", "tpm_limit", "duration", "team_id", "metadata", "blocked"] {
            #expect(properties[name] != nil, "key/generate's body lacks \(name)")
        }
        #expect(properties["max_budget"]?["minimum"] as? Int == 0)
        let update = try #require(paths["/team/update"]?["post"])
        #expect(bodySchema(update)?["required"] as? [String] == ["team_id"])
        let liveliness = try #require(paths["/health/liveliness"]?["get"])
        #expect((liveliness["security"] as? [Any])?.isEmpty == true)
    }

    @Test func theAdminAnswersHaveTheMembersTheirSchemasRequire() async throws {
        let document = try await Self.document()
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        let keyRequired = try #require(schemas["Key"]?["required"] as? [String])
        let keyProperties = Set(try #require(schemas["Key"]?["properties"] as? [String: Any]).keys)
        let teamRequired = try #require(schemas["Team"]?["required"] as? [String])
        try await withGateway(try TestConfig.load(Self.config)) { client in
            let admin = AdminClient(client: client)
            let made = try await admin.post("/key/generate", ["key_alias": "docs", "max_budget": 5])
            let key = made.body.json
            for name in keyRequired {
                #expect(key.keys.contains(name), "the key view lacks \(name)")
            }
            #expect(Set(key.keys).subtracting(keyProperties) == ["key"])
            let team = try await admin.post("/team/new", ["team_alias": "docs"]).body.json
            #expect(Set(team.keys) == Set(teamRequired))
        }
    }

    @Test func theDocsPageIsOneSelfContainedPageReadingTheDescription() async throws {
        try await withGateway(try TestConfig.load(Self.config)) { client in
            let response = try await client.execute(uri: "/docs", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            let page = String(buffer: response.body)
            #expect(page.contains(#"fetch("/openapi.json")"#))
            #expect(!page.contains("src=\"http"), "the page loads nothing from elsewhere")
            #expect(!page.contains("<link"))
            #expect(page.utf8.count < 16_000)
        }
    }

    static func collectReferences(_ value: Any, into references: inout [String]) {
        if let object = value as? [String: Any] {
            if let reference = object["$ref"] as? String { references.append(reference) }
            for member in object.values { collectReferences(member, into: &references) }
        } else if let array = value as? [Any] {
            for item in array { collectReferences(item, into: &references) }
        }
    }
}

/// Carries a value out of a `@Sendable` test closure.
private final class DocumentBox: @unchecked Sendable {
    private(set) var value: [String: Any] = [:]
    func set(_ value: [String: Any]) { self.value = value }
}
