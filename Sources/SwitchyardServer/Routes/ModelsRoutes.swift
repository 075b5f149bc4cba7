import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardCore

/// `GET /v1/models` and `GET /v1/models/{id}` in OpenAI's shape.
struct ModelsRoutes: Sendable {
    let registry: ModelRegistry
    /// Fixed at start-up, as the model list's `created`.
    let created = Int(Date().timeIntervalSince1970)

    func list() -> Response {
        let objects = registry.listedModels.map { object(for: $0) }
        return json(ModelListBody(data: objects))
    }

    func retrieve(_ id: String) throws -> Response {
        guard registry.deployments(of: id) != nil else { throw GatewayError.modelNotFound(id) }
        return json(object(for: id))
    }

    private func object(for id: String) -> ModelObjectBody {
        let owner = registry.deployments(of: id)?.first.map { $0.provider.rawValue } ?? "switchyard"
        return ModelObjectBody(id: id, created: created, ownedBy: owner)
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

private struct ModelObjectBody: Encodable {
    var id: String
    var object = "model"
    var created: Int
    var ownedBy: String

    enum CodingKeys: String, CodingKey {
        case id, object, created
        case ownedBy = "owned_by"
    }
}

private struct ModelListBody: Encodable {
    var object = "list"
    var data: [ModelObjectBody]
}
