import Hummingbird
import SwitchyardCore

extension Response {
    /// A 200 whose body is `value` in the surface's JSON.
    static func json(_ value: some Encodable) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: try SurfaceJSON.encode(value)))
    }
}
