import HTTPTypes
import Hummingbird
import NIOCore

/// Liveness and readiness probes, open to all (no key), as load balancers expect.
struct HealthRoutes {
    let modelCount: Int

    func register(on group: RouterGroup<GatewayRequestContext>) {
        group.get("health/liveliness") { _, _ in Self.json(#""I'm alive!""#) }
        group.get("health/liveness") { _, _ in Self.json(#""I'm alive!""#) }
        let ready = #"{"status":"healthy","models":\#(modelCount)}"#
        group.get("health/readiness") { _, _ in Self.json(ready) }
    }

    static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
