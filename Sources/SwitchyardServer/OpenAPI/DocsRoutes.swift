import Hummingbird
import NIOCore
import Synchronization

/// `GET /openapi.json` and `GET /docs`, open to all like LiteLLM's: the description names
/// routes and shapes, which the source already publishes, and never a key, model or address.
struct DocsRoutes {
    /// The document, encoded on its first request and kept: building it at start-up cost every
    /// gateway (and every test that builds one) tens of milliseconds.
    let document: EncodedOnce

    static let operations = [
        APIOperation(
            method: "GET", path: "openapi.json", summary: "This description (OpenAPI 3.1)", tag: "Docs", access: .open,
            answer: .json(APISchema.anyObject.described("An OpenAPI 3.1 document."))
        ),
        APIOperation(
            method: "GET", path: "docs", summary: "This description, as a web page", tag: "Docs", access: .open,
            answer: APIOperation.Content(mediaTypes: [("text/html", .string)])
        ),
    ]

    var routes: [DescribedRoute] {
        let document = document
        let page = ByteBuffer(string: DocsPage.html)
        return [
            DescribedRoute(operation: Self.operations[0]) { _, _ in
                Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: try document.bytes()))
            },
            DescribedRoute(operation: Self.operations[1]) { _, _ in
                Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: DocsPage.contentSecurityPolicy], body: ResponseBody(byteBuffer: page))
            },
        ]
    }
}

/// `OpenAPIDocument`'s JSON, encoded the first time it is asked for.
final class EncodedOnce: Sendable {
    private let document: OpenAPIDocument
    private let encoded = Mutex<ByteBuffer?>(nil)

    init(_ document: OpenAPIDocument) {
        self.document = document
    }

    func bytes() throws -> ByteBuffer {
        if let bytes = encoded.withLock({ $0 }) { return bytes }
        let bytes = ByteBuffer(bytes: try document.encoded())
        encoded.withLock { $0 = bytes }
        return bytes
    }
}
