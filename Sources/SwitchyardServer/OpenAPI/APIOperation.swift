import SwitchyardCore

/// One operation as `/openapi.json` describes it: method and path, what it takes and what it
/// answers. Route tables carry one next to each handler, so a route and its description are
/// written in one place.
struct APIOperation: Sendable {
    /// Who may call it.
    enum Access: Sendable {
        /// No key (health probes, the description itself).
        case open
        /// Any key the gateway accepts.
        case key
        /// The master key or a `proxy_admin` user's key.
        case admin
    }

    /// A query parameter.
    struct Parameter: Sendable {
        var name: String
        var schema: APISchema
        var required = false
        var about: String
    }

    /// A body in one or more media types.
    struct Content: Sendable {
        var mediaTypes: [(type: String, schema: APISchema)]

        static func json(_ schema: APISchema) -> Content { Content(mediaTypes: [("application/json", schema)]) }
    }

    var method: String
    /// The path under each prefix, without a leading slash; `{name}` marks a path parameter.
    var path: String
    var summary: String
    var about: String?
    var tag: String
    var access: Access
    /// The envelope errors come in.
    var surface: ErrorSurface = .openAI
    var query: [Parameter] = []
    var body: Content?
    /// The body of a successful (200) answer.
    var answer: Content
    /// Error statuses worth naming besides those every route of its access can give.
    var errors: [Int] = []
    /// The router serves the last path parameter as a catch-all (`**`): it may hold slashes.
    var catchAll = false

    /// The path parameters, in order.
    var pathParameters: [String] {
        path.split(separator: "{").dropFirst().compactMap { part in part.split(separator: "}", maxSplits: 1).first.map(String.init) }
    }

    /// The path in the router's syntax: `:name` for a parameter, `**` for a catch-all.
    var routerPath: String {
        var result = path
        for (index, name) in pathParameters.enumerated() {
            let last = index == pathParameters.count - 1
            result = result.replacingOccurrences(of: "{\(name)}", with: catchAll && last ? "**" : ":\(name)")
        }
        return result
    }
}
