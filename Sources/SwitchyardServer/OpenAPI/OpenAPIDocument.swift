import Foundation
import SwitchyardCore

/// `/openapi.json`: an OpenAPI 3.1 description of every route, built from the same route
/// tables the router registers (`RouteSet`s and `OperationTable`).
///
/// Each route is listed under every prefix it is served at. The first prefix of a set is the
/// canonical one; the others carry `x-switchyard-alias-of`, which `/docs` folds into the
/// canonical operation. Object bodies and answers are named once in the components
/// (`PostKeyGenerateBody`) and referred to from every prefix.
struct OpenAPIDocument {
    /// Operations served under the same prefixes.
    struct Section {
        var prefixes: [String]
        var operations: [APIOperation]
    }

    var sections: [Section]

    var json: JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        var schemas = GatewaySchemas.all.mapValues(\.json)
        for section in sections {
            for described in section.operations {
                let canonical = Self.fullPath(section.prefixes.first ?? "", described.path)
                let name = Self.operationID(described.method, canonical).split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
                var operation = described
                operation.body = operation.body.map { Self.named($0, name + "Body", in: &schemas) }
                operation.answer = Self.named(operation.answer, name + "Answer", in: &schemas)
                for prefix in section.prefixes {
                    let path = Self.fullPath(prefix, operation.path)
                    var object = Self.describe(operation, path: path)
                    if path != canonical { object["x-switchyard-alias-of"] = .string(canonical) }
                    paths[path, default: [:]][operation.method.lowercased()] = .object(object)
                }
            }
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Switchyard",
                "version": "1.0.0",
                "description": .string(Self.about),
                "license": ["name": "Apache-2.0", "identifier": "Apache-2.0"],
            ],
            "tags": .array(Self.tags.map { ["name": .string($0.0), "description": .string($0.1)] }),
            "paths": .object(paths.mapValues(JSONValue.object)),
            "components": [
                "schemas": .object(schemas),
                "responses": Self.errorResponses,
                "securitySchemes": Self.securitySchemes,
            ],
        ]
    }

    /// The document as the gateway serves it.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(json)
    }

    /// `content` with each object or list schema moved into `schemas` as `name` (then
    /// `name2`…) and referred to.
    private static func named(_ content: APIOperation.Content, _ name: String, in schemas: inout [String: JSONValue]) -> APIOperation.Content {
        var content = content
        var count = 0
        for index in content.mediaTypes.indices {
            guard case .object(let schema) = content.mediaTypes[index].schema.json, schema["properties"] != nil || schema["items"] != nil || schema["allOf"] != nil else { continue }
            count += 1
            let unique = count == 1 ? name : "\(name)\(count)"
            schemas[unique] = .object(schema)
            content.mediaTypes[index].schema = .ref(unique)
        }
        return content
    }

    static func fullPath(_ prefix: String, _ path: String) -> String {
        "/" + [prefix, path].filter { !$0.isEmpty }.joined(separator: "/")
    }

    private static func describe(_ operation: APIOperation, path: String) -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "operationId": .string(operationID(operation.method, path)),
            "summary": .string(operation.summary),
            "tags": [.string(operation.tag)],
            "responses": .object(responses(operation)),
            "security": security(operation.access),
        ]
        if let about = operation.about { object["description"] = .string(about) }
        let parameters = operation.pathParameters.map { name -> JSONValue in
            ["name": .string(name), "in": "path", "required": true, "schema": APISchema.string.json]
        } + operation.query.map { parameter -> JSONValue in
            ["name": .string(parameter.name), "in": "query", "required": .bool(parameter.required), "description": .string(parameter.about), "schema": parameter.schema.json]
        }
        if !parameters.isEmpty { object["parameters"] = .array(parameters) }
        if let body = operation.body {
            object["requestBody"] = ["required": true, "content": content(body)]
        }
        return object
    }

    private static func responses(_ operation: APIOperation) -> [String: JSONValue] {
        var statuses = operation.errors
        switch operation.access {
        case .open: break
        case .key: statuses.append(401)
        case .admin: statuses += [401, 403]
        }
        var responses: [String: JSONValue] = ["200": ["description": "Success.", "content": content(operation.answer)]]
        for status in Set(statuses) {
            responses[String(status)] = ["$ref": .string("#/components/responses/\(errorResponseName(operation.surface, String(status)))")]
        }
        responses["default"] = ["$ref": .string("#/components/responses/\(errorResponseName(operation.surface, "default"))")]
        return responses
    }

    /// `OpenAI400`, `GeminiDefault`: the shared error answers operations refer to.
    private static func errorResponseName(_ surface: ErrorSurface, _ status: String) -> String {
        surface.apiTag + (status == "default" ? "Default" : status)
    }

    /// Every surface's error answers, once each.
    private static var errorResponses: JSONValue {
        var responses: [String: JSONValue] = [:]
        for surface in [ErrorSurface.openAI, .anthropic, .gemini] {
            let envelope: JSONValue = ["application/json": ["schema": APISchema.ref(surface.errorSchema).json]]
            for (status, meaning) in errorMeaning {
                responses[errorResponseName(surface, String(status))] = ["description": .string(meaning), "content": envelope]
            }
            responses[errorResponseName(surface, "default")] = ["description": "Any other error, in the same envelope.", "content": envelope]
        }
        return .object(responses)
    }

    private static func content(_ content: APIOperation.Content) -> JSONValue {
        .object(Dictionary(content.mediaTypes.map { ($0.type, ["schema": $0.schema.json] as JSONValue) }, uniquingKeysWith: { first, _ in first }))
    }

    private static func security(_ access: APIOperation.Access) -> JSONValue {
        guard access != .open else { return [] }
        return .array(securitySchemeNames.map { [$0: []] })
    }

    /// `post_v1_chat_completions`: unique, as each method and path is.
    static func operationID(_ method: String, _ path: String) -> String {
        let words = path.split { !$0.isLetter && !$0.isNumber && $0 != "_" }
        return ([method.lowercased()] + words.map(String.init)).joined(separator: "_")
    }

    private static let securitySchemeNames = ["bearer", "apiKeyHeader", "googleApiKeyHeader", "googleApiKeyQuery"]

    private static let securitySchemes: JSONValue = [
        "bearer": ["type": "http", "scheme": "bearer", "description": "`Authorization: Bearer <key>`: the master key or a virtual key."],
        "apiKeyHeader": ["type": "apiKey", "in": "header", "name": "x-api-key", "description": "Anthropic clients' header."],
        "googleApiKeyHeader": ["type": "apiKey", "in": "header", "name": "x-goog-api-key", "description": "Gemini clients' header."],
        "googleApiKeyQuery": ["type": "apiKey", "in": "query", "name": "key", "description": "Gemini clients' query parameter."],
    ]

    private static let errorMeaning: [Int: String] = [
        400: "Malformed JSON or a field of the wrong kind; the message names the field.",
        401: "No key, or a key the gateway does not know (or blocked, or expired).",
        402: "The key's, team's or user's budget is spent (`budget_exceeded`).",
        403: "The key may not use this model or route, or a guardrail blocked the request.",
        404: "No such model or resource.",
        413: "The body, or a file, is over its limit, or the caller's storage is full.",
        429: "A rate limit; `Retry-After` says when to try again.",
        502: "The upstream failed after every retry and fallback.",
        503: "No healthy deployment, or the store is unavailable.",
        504: "The upstream timed out.",
    ]

    static let about = """
        An AI gateway: one OpenAI-compatible endpoint, plus the Anthropic Messages and Gemini surfaces, \
        in front of many providers, with LiteLLM's admin API for virtual keys, teams, users and spend. \
        Every route is also served under the other prefixes listed with it.
        """

    private static let tags: [(String, String)] = [
        ("OpenAI", "OpenAI's API, answered by any provider."),
        ("Anthropic", "Anthropic's Messages API, answered by any provider."),
        ("Gemini", "Gemini's generateContent family, answered by any provider."),
        ("Models", "The model groups a key may call."),
        ("Responses", "Responses stored by the Responses API."),
        ("Files", "Files stored by the gateway, owned by the key that uploaded them."),
        ("Batches", "Batches the gateway runs through its own pipeline."),
        ("Videos", "Video jobs the gateway polls and stores."),
        ("Music", "Music jobs the gateway polls and stores."),
        ("Config", "Reloading the configuration."),
        ("Keys", "Virtual keys (LiteLLM's /key routes)."),
        ("Teams", "Teams and their budgets."),
        ("Users", "Users and their budgets."),
        ("Spend", "The request log and spend reports."),
        ("Health", "Probes and metrics."),
        ("Docs", "This description."),
    ]
}
