import Foundation
import Hummingbird
import NIOCore
import SwitchyardCore

/// LiteLLM's model management: `GET /model/info`, `POST /model/new`, `POST /model/delete`.
/// Models added here are `model_list` entries kept in the store (`ModelStore`): they work at
/// once on this replica, on the others after their next sync, and after a restart. Models of
/// the config file are listed too, and changed by editing the file and reloading it.
struct ModelManagementRoutes: Sendable {
    let gateway: Gateway
    let catalog: ModelCatalog

    private var admin: AdminRoutes { AdminRoutes(gateway: gateway) }

    var routes: [DescribedRoute] {
        let entry = APISchema.object(
            [
                ("model_name", APISchema.string.described("The model group clients name.")),
                ("litellm_params", APISchema.anyObject.described("As in the config file: model, api_base, api_key (os.environ/NAME works), rpm, tpm…")),
                ("model_info", APISchema.anyObject.nullable.described("As in the config file; `id` is generated when absent.")),
            ],
            required: ["model_name", "litellm_params"]
        )
        let model = APISchema.object([("model_name", .string), ("litellm_params", .anyObject), ("model_info", .anyObject)])
        return [
            admin.route("GET", "model/info", "List deployments", about: "Every deployment, from the config file and added with /model/new (`model_info.db_model`); keys that are not an admin's see the groups they may call, without their parameters.", access: .key, query: [.init(name: "litellm_model_id", schema: .string, about: "Only the deployment with this id.")], answer: .object([("data", .array(model))], required: ["data"])) { request, context in
                try info(request, context)
            },
            admin.route("POST", "model/new", "Add a deployment", about: "Stored, so it survives restarts and reaches every replica; checked as the config file is.", body: entry, answer: model, errors: [400]) { request, context in
                try await add(request, context)
            },
            admin.route("POST", "model/delete", "Delete a deployment added with /model/new", body: .object([("id", .string)], required: ["id"]), answer: .object([("message", .string), ("id", .string)]), errors: [400, 404]) { request, context in
                try await delete(request, context)
            },
        ]
    }

    private func info(_ request: Request, _ context: GatewayRequestContext) throws -> Response {
        let only = request.uri.queryParameters.get("litellm_model_id")
        let isAdmin = context.identity.mayAdminister
        let storedIDs = Set(catalog.stored.map(\.id))
        let data: [JSONValue] = gateway.config.deployments.compactMap { deployment in
            guard only == nil || deployment.id == only else { return nil }
            if !isAdmin {
                guard let hash = context.identity.keyHash, gateway.governance.ledger.mayUse(keyHash: hash, model: deployment.modelName) else { return nil }
                return ["model_name": .string(deployment.modelName), "model_info": ["id": .string(deployment.id)]]
            }
            return Self.view(deployment, stored: storedIDs.contains(deployment.id))
        }
        return try AdminRoutes.json(["data": .array(data)])
    }

    private func add(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try admin.requireAdmin(context)
        let body = try await request.body.collect(upTo: 1 << 20)
        guard case .object(var entry)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView)) else {
            throw GatewayError.invalidRequest("The body must be a JSON object with model_name and litellm_params.")
        }
        guard case .string(let name)? = entry["model_name"], !name.isEmpty else {
            throw GatewayError(.invalidRequest, "Missing required parameter: 'model_name'.", param: "model_name", code: "missing_required_parameter")
        }
        guard case .object? = entry["litellm_params"] else {
            throw GatewayError(.invalidRequest, "Missing required parameter: 'litellm_params' (an object).", param: "litellm_params", code: "missing_required_parameter")
        }
        var info = entry["model_info"]?.objectValue ?? [:]
        let id = info["id"]?.stringValue ?? UUID().uuidString.lowercased()
        guard !catalog.hasDeployment(id: id) else {
            throw GatewayError.invalidRequest("A deployment with id '\(id)' already exists.", param: "model_info.id")
        }
        info["id"] = .string(id)
        entry["model_info"] = .object(info)
        entry = entry.filter { ["model_name", "litellm_params", "model_info"].contains($0.key) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(JSONValue.object(entry)), as: UTF8.self)
        let read = ConfigLoader.deployments(entries: [text], environment: ProcessInfo.processInfo.environment)
        let errors = read.problems.filter { $0.severity == .error }
        guard errors.isEmpty, let deployment = read.deployments.first else {
            let problems = errors.map { $0.description.replacingOccurrences(of: "model_list[0].", with: "") }
            throw GatewayError(.invalidRequest, "The model is not valid: \(problems.joined(separator: "; "))", code: "invalid_model")
        }
        let model = StoredModel(id: id, modelName: name, entry: text, createdAt: gateway.clock.wallTime())
        try await admin.storing { try await gateway.governance.store.insertModel(model) }
        catalog.add(model)
        return try AdminRoutes.json(Self.view(deployment, stored: true).objectValue ?? [:])
    }

    private func delete(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try admin.requireAdmin(context)
        let fields = try await admin.fields(request)
        guard let id = try fields.string("id") else {
            throw GatewayError(.invalidRequest, "Missing required parameter: 'id'.", param: "id", code: "missing_required_parameter")
        }
        guard catalog.stored.contains(where: { $0.id == id }) else {
            if gateway.config.deployments.contains(where: { $0.id == id }) {
                throw GatewayError.invalidRequest("Deployment '\(id)' comes from the config file: edit the file and reload it.", param: "id")
            }
            throw GatewayError(.notFound, "No deployment with id '\(id)'.", param: "id", code: "model_not_found")
        }
        _ = try await admin.storing { try await gateway.governance.store.deleteModel(id: id) }
        catalog.remove(id: id)
        return try AdminRoutes.json(["message": .string("Model \(id) deleted."), "id": .string(id)])
    }

    /// A deployment as LiteLLM's `/model/info` shows it; secrets are never shown.
    static func view(_ deployment: Deployment, stored: Bool) -> JSONValue {
        var params: [String: JSONValue] = ["model": .string(deployment.litellmModel)]
        params["api_base"] = deployment.apiBase.map(JSONValue.string)
        params["api_version"] = deployment.apiVersion.map(JSONValue.string)
        params["rpm"] = deployment.rpm.map { .number(Double($0)) }
        params["tpm"] = deployment.tpm.map { .number(Double($0)) }
        params["weight"] = .number(deployment.weight)
        params["timeout"] = deployment.timeout.map(JSONValue.number)
        params["stream_timeout"] = deployment.streamTimeout.map(JSONValue.number)
        params["max_retries"] = deployment.maxRetries.map { .number(Double($0)) }
        var info: [String: JSONValue] = ["id": .string(deployment.id), "db_model": .bool(stored), "provider": .string(deployment.provider.rawValue)]
        info["mode"] = deployment.modelInfo.mode.map(JSONValue.string)
        info["input_cost_per_token"] = deployment.modelInfo.inputCostPerToken.map(JSONValue.number)
        info["output_cost_per_token"] = deployment.modelInfo.outputCostPerToken.map(JSONValue.number)
        return ["model_name": .string(deployment.modelName), "litellm_params": .object(params), "model_info": .object(info)]
    }
}
