import HTTPTypes
import Hummingbird
import NIOCore

/// Liveness and readiness probes, open to all (no key), as load balancers expect.
struct HealthRoutes {
    let modelCount: Int

    var routes: [DescribedRoute] {
        let alive: @Sendable (Request, GatewayRequestContext) async throws -> Response = { _, _ in Self.json(#""I'm alive!""#) }
        let ready = #"{"status":"healthy","models":\#(modelCount)}"#
        let aliveAnswer = APIOperation.Content.json(APISchema.string.adding("const", "I'm alive!"))
        return [
            DescribedRoute(
                operation: APIOperation(
                    method: "GET", path: "health/liveliness", summary: "Liveness probe", about: "Answers while the process runs.",
                    tag: "Health", access: .open, answer: aliveAnswer
                ),
                handle: alive
            ),
            DescribedRoute(
                operation: APIOperation(
                    method: "GET", path: "health/liveness", summary: "Liveness probe (alternate spelling)", tag: "Health", access: .open,
                    answer: aliveAnswer
                ),
                handle: alive
            ),
            DescribedRoute(
                operation: APIOperation(
                    method: "GET", path: "health/readiness", summary: "Readiness probe", about: "Answers once the gateway serves requests.",
                    tag: "Health", access: .open,
                    answer: .json(.object([("status", .string), ("models", .integer.described("Model groups served."))], required: ["status", "models"]))
                ),
                handle: { _, _ in Self.json(ready) }
            ),
        ]
    }

    static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
