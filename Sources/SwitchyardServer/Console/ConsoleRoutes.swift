import HTTPTypes
import Hummingbird
import SwitchyardCore

/// `GET /ui` and its stylesheet and script: the admin console, served from the binary. The
/// page is open (it holds no data); every call it makes carries the key the user signs in
/// with, and the admin API checks that key as it would any other caller's.
struct ConsoleRoutes {
    /// Only the console's own files, and calls to the gateway itself: no inline script or
    /// style, no other origin, no framing.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static let page = ConsoleAsset(contentType: "text/html; charset=utf-8", text: ConsoleHTML.page)
    static let stylesheet = ConsoleAsset(contentType: "text/css; charset=utf-8", text: ConsoleCSS.stylesheet)
    static let script = ConsoleAsset(contentType: "text/javascript; charset=utf-8", text: ConsoleScript.source)

    /// The page and its files, in the order of `assets`.
    static let assetOperations = [
        operation("ui", "The admin console", about: "A single-page app over the admin API; sign in with the master key or an admin's key.", type: "text/html"),
        operation("ui/console.css", "The admin console's stylesheet", type: "text/css"),
        operation("ui/console.js", "The admin console's script", type: "text/javascript"),
    ]
    static let assets = [page, stylesheet, script]

    static let session = APIOperation(
        method: "GET", path: "ui/session", summary: "Who the presented key is",
        about: "Whether the key may use the admin API, and its hash (null for the master key); the console asks once at sign-in.",
        tag: "Console", access: .key,
        answer: .json(.object([("admin", .boolean), ("key", APISchema.string.nullable)], required: ["admin", "key"]))
    )

    static let operations = assetOperations + [session]

    var routes: [DescribedRoute] {
        let files = zip(Self.assetOperations, Self.assets).map { operation, asset in
            DescribedRoute(operation: operation) { request, _ in Self.serve(asset, to: request) }
        }
        let session = DescribedRoute(operation: Self.session) { _, context in
            try AdminRoutes.json([
                "admin": .bool(context.identity.mayAdminister),
                "key": context.identity.keyHash.map(JSONValue.string) ?? .null,
            ])
        }
        return files + [session]
    }

    private static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    /// The asset, or 304 when the browser's copy is current. Browsers revalidate every time
    /// (`no-cache`), so a new binary's console is picked up at once.
    static func serve(_ asset: ConsoleAsset, to request: Request) -> Response {
        var headers: HTTPFields = [
            .cacheControl: "no-cache",
            .eTag: asset.etag,
            .contentSecurityPolicy: contentSecurityPolicy,
            .xContentTypeOptions: "nosniff",
        ]
        headers[referrerPolicy] = "no-referrer"
        if asset.isCurrent(ifNoneMatch: request.headers[.ifNoneMatch]) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: asset.body))
    }

    private static func operation(_ path: String, _ summary: String, about: String? = nil, type: String) -> APIOperation {
        APIOperation(
            method: "GET", path: path, summary: summary, about: about, tag: "Console", access: .open,
            answer: APIOperation.Content(mediaTypes: [(type, .string)])
        )
    }
}
