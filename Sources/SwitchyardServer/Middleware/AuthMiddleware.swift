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
            let trimmed = authorization.trimmingPrefix(while: { $0 == " " })
            if trimmed.lowercased().hasPrefix("bearer ") {
                return String(trimmed.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            }
            return String(trimmed)
        }
        if let key = request.headers[.apiKey] { return key }
        if let key = request.headers[.googleAPIKey] { return key }
        if let key = request.uri.queryParameters.get("key") { return key }
        return nil
    }
}
