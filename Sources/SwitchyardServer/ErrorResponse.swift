import SwitchyardCore
import HTTPTypes
import Hummingbird
import NIOCore

/// Renders a `GatewayError` as an HTTP response in one surface's envelope.
enum ErrorResponse {
    static func make(_ error: GatewayError, surface: ErrorSurface) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let retryAfter = error.retryAfter ?? (error.status == 429 ? 1 : nil) {
            headers[.retryAfter] = String(Int(retryAfter.rounded(.up)))
        }
        for (name, value) in error.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: error.status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: surface.body(for: error)))
        )
    }
}
