import Foundation
import Testing

@testable import SwitchyardCore

/// Helpers shared by the image, speech, transcription and rerank suites.
enum MediaTestSupport {
    /// Runs `body` and returns the `GatewayError` it throws (nil, recorded as an issue, when it
    /// throws nothing or something else).
    static func gatewayError(_ body: () throws -> Void) -> GatewayError? {
        do {
            try body()
            Issue.record("expected a GatewayError")
            return nil
        } catch let error as GatewayError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }
}
