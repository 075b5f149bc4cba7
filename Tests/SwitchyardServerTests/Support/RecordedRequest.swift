import Foundation
import Hummingbird
import NIOCore

/// What a fake upstream received, for asserting what the gateway actually sent.
struct RecordedRequest: Sendable {
    let method: String
    /// The path with its query (`/v1beta/models/m:streamGenerateContent?alt=sse`).
    let path: String
    /// Header names are lowercased; a repeated header keeps its last value.
    let headers: [String: String]
    let body: Data

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }

    /// Reads the whole request, so the journal holds exactly the bytes that arrived.
    init(receiving request: Request) async throws {
        let body = try await request.body.collect(upTo: 256 * 1024 * 1024)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        self.init(method: request.method.rawValue, path: request.uri.description, headers: headers, body: Data(buffer: body))
    }

    init(method: String, path: String, headers: [String: String], body: Data) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}
