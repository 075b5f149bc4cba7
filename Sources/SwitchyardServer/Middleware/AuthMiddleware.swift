import Foundation
import SwitchyardCore
import Hummingbird

/// Admits requests that carry the master key in any of the header styles clients use:
/// `Authorization: Bearer`, `x-api-key` (Anthropic), `x-goog-api-key` or `?key=` (Gemini).
///
/// With no master key configured the gateway runs open (the CLI allows that on loopback only).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let masterKey: [UInt8]?

    init(masterKey: String?) {
        self.masterKey = masterKey.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let masterKey else { return try await next(request, context) }
        guard let presented = Self.presentedKey(request) else {
            throw GatewayError(
                .unauthorized,
                "Missing API key. Pass it as 'Authorization: Bearer <key>', 'x-api-key', 'x-goog-api-key' or '?key='.",
                code: "missing_api_key"
            )
        }
        guard Self.constantTimeEquals(Array(presented.utf8), masterKey) else {
            throw GatewayError(.unauthorized, "Invalid API key.", code: "invalid_api_key")
        }
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

    /// Compares without an early exit, so timing does not reveal how much of a key matched.
    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(lhs.count == rhs.count ? 0 : 1)
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }
}
