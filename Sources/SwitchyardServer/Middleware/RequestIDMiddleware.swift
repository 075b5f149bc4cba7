import SwitchyardCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

extension HTTPField.Name {
    static let requestID = HTTPField.Name("x-request-id")!
    static let modelUsed = HTTPField.Name("x-model-used")!
    static let creditsUsed = HTTPField.Name("x-credits-used")!
    static let apiKey = HTTPField.Name("x-api-key")!
    static let googleAPIKey = HTTPField.Name("x-goog-api-key")!
}

/// The outermost middleware: gives every response an `x-request-id`, and turns every error
/// (including unmatched routes) into the envelope of the surface the client called.
struct GatewayErrorMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let requestID = RequestIDs.forRequest(sending: request.headers[.requestID])
        context.requestID = requestID
        context.logger[metadataKey: "switchyard.request_id"] = .string(requestID)
        do {
            var response = try await next(request, context)
            response.headers[.requestID] = requestID
            return response
        } catch {
            var response = Self.response(for: error, request: request, context: context, surface: .forPath(request.uri.path))
            response.headers[.requestID] = requestID
            return response
        }
    }

    /// `error` as a response in `surface`'s envelope, logged: server-side failures as errors,
    /// refused requests at debug level.
    static func response(for error: any Error, request: Request, context: Context, surface: ErrorSurface) -> Response {
        let gatewayError = gatewayError(from: error, request: request)
        let metadata: Logger.Metadata = ["switchyard.error": .string(gatewayError.message), "switchyard.status": .stringConvertible(gatewayError.status)]
        if gatewayError.status >= 500 {
            context.logger.error("request failed", metadata: metadata)
        } else {
            context.logger.debug("request rejected", metadata: metadata)
        }
        return ErrorResponse.make(gatewayError, surface: surface)
    }

    static func gatewayError(from error: any Error, request: Request) -> GatewayError {
        if let error = error as? GatewayError { return error }
        if let error = error as? HTTPError {
            switch error.status.code {
            case 404:
                return GatewayError(.notFound, "Unknown route: \(request.method.rawValue) \(request.uri.path)", code: "route_not_found")
            case 405:
                return GatewayError(.upstream(status: 405), "Method \(request.method.rawValue) is not allowed on \(request.uri.path)")
            case 413:
                return .bodyTooLarge
            default:
                let message = error.body ?? error.status.reasonPhrase
                return GatewayError(error.status.code < 500 ? .upstream(status: error.status.code) : .internalError, message)
            }
        }
        if error is CancellationError {
            return GatewayError(.upstream(status: 499), "The client closed the connection before the answer was ready.", code: "client_closed_request")
        }
        if error is NIOTooManyBytesError {
            return .bodyTooLarge
        }
        return GatewayError(.internalError, "Internal error: \(error)")
    }
}
