import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardCore

/// `GET /v1/models` and `GET /v1/models/{id}` in OpenAI's shape. A virtual key sees only the
/// models it may call.
struct ModelsRoutes: Sendable {
    let gateway: Gateway
    /// The model groups in force now (a reload changes them).
    var registry: ModelRegistry { gateway.registry }
    var governance: Governance { gateway.governance }
    /// Fixed at start-up, as the model list's `created`.
    let created = Int(Date().timeIntervalSince1970)

    func list(_ context: GatewayRequestContext) -> Response {
        let objects = registry.listedModels.filter { visible($0, context) }.map { object(for: $0) }
        return json(ModelList(data: objects))
    }

    func retrieve(_ id: String, _ context: GatewayRequestContext) throws -> Response {
        guard registry.deployments(of: id) != nil, visible(id, context) else { throw GatewayError.modelNotFound(id) }
        return json(object(for: id))
    }

    private func visible(_ model: String, _ context: GatewayRequestContext) -> Bool {
        guard let hash = context.identity.keyHash else { return true }
        return governance.ledger.mayUse(keyHash: hash, model: model)
    }

    private func object(for id: String) -> ModelObject {
        let owner = registry.deployments(of: id)?.first.map { $0.provider.rawValue } ?? "switchyard"
        return ModelObject(id: id, created: created, ownedBy: owner)
    }

    private func json(_ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data()
        return Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
