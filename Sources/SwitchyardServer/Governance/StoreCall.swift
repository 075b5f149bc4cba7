import SwitchyardCore

/// Runs a call to the store on a request's behalf: a failure of the store itself answers 502
/// `store_unavailable` naming `what` ("The file store"), never a 500; a `GatewayError` the
/// call throws passes as it is.
func storeCall<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as GatewayError {
        throw error
    } catch {
        throw GatewayError(.upstreamUnavailable, "\(what) is unavailable: \(error)", code: "store_unavailable")
    }
}
