import Foundation
import SwitchyardCore
import Hummingbird

/// Establishes who is calling from the key in any of the header styles clients use:
/// `Authorization: Bearer`, `x-api-key` (Anthropic), `x-goog-api-key` or `?key=` (Gemini).
///
/// The master key may do everything; a virtual key is checked against the in-memory ledger.
/// With no master key configured the gateway runs open (the CLI allows that on loopback only),
/// though a virtual key presented there still carries its limits.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let governance: Governance

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.identity = try await governance.identify(Self.presentedKey(request))
        return try await next(request, context)
    }

    static func presentedKey(_ request: Request) -> String? {
        if let authorization = request.headers[.authorization] {
            return bearerToken(authorization)
        }
        if let key = request.headers[.apiKey] { return key }
        if let key = request.headers[.googleAPIKey] { return key }
        if let key = request.uri.queryParameters.get("key") { return key }
        return nil
    }

    /// The token of `Bearer <token>` (scheme in any case), or the whole value trimmed. Done on
    /// the bytes: Foundation's trimming and lowercasing showed up in profiles of every request.
    static func bearerToken(_ value: String) -> String {
        var view = Substring(value)
        while view.first == " " { view.removeFirst() }
        while view.last == " " { view.removeLast() }
        let scheme: StaticString = "bearer "
        let prefix = UnsafeBufferPointer(start: scheme.utf8Start, count: scheme.utf8CodeUnitCount)
        if view.utf8.count > prefix.count, zip(view.utf8, prefix).allSatisfy({ $0 | 0x20 == $1 }) {
            view = view.dropFirst(prefix.count)
            while view.first == " " { view.removeFirst() }
        }
        return String(view)
    }
}
