import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Responses the provider fakes build from hand-written wire text.
enum FakeResponse {
    static func json(_ status: Int, _ text: String, retryAfter: Int? = nil) -> Response {
        var response = Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }

    /// A stream written one event per write, so the gateway meets real chunk boundaries.
    static func events(_ events: [String], contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody { writer in
            for event in events { try await writer.write(ByteBuffer(string: event)) }
            try await writer.finish(nil)
        })
    }

    /// The head and `first` event of a stream, then silence until the connection goes.
    static func stalled(after first: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: first))
            try await Task.sleep(for: .seconds(3600))
        })
    }

    /// Never answers: waits until the server stops or the gateway hangs up.
    static func hang() async throws -> Response {
        try await Task.sleep(for: .seconds(3600))
        return json(200, "{}")
    }

    /// `text` as a JSON string literal, quotes included, for splicing into wire text.
    static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes])) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The whitespace-separated words of `texts`, the fakes' unit of a token.
    static func wordCount(_ texts: [String]) -> Int {
        texts.reduce(0) { $0 + $1.split(whereSeparator: \.isWhitespace).count }
    }
}
