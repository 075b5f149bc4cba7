#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension GeminiGenerateContentResponse {
    /// The error of a stream event that is an error envelope (`data: {"error": {…}}`), which
    /// Gemini sends when a stream fails after it started.
    ///
    /// Every member of a response is optional, so such an event decodes as an empty response
    /// with `error` in `extra`; this finds it.
    public var streamError: GatewayError? {
        guard let error = extra["error"], error.objectValue != nil,
            let data = try? JSONEncoder().encode(JSONValue.object(["error": error])),
            let body = try? JSONDecoder().decode(GeminiErrorBody.self, from: data)
        else { return nil }
        let status = (400..<600).contains(body.error.code) ? body.error.code : 502
        return GatewayError(gemini: body, status: status)
    }
}
