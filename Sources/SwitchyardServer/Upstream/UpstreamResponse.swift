import AsyncHTTPClient
import LeanHTTP
import NIOCore

/// A provider's answer: status, headers, and a body that arrives chunk by chunk.
struct UpstreamResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: UpstreamBody

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }

    var isSuccess: Bool { (200..<300).contains(status) }
}

/// The body of an upstream response: a live HTTP body, or buffers made in-process.
struct UpstreamBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    enum Source: Sendable {
        case http(HTTPClientResponse.Body)
        case lean(LeanBody)
        case buffers([ByteBuffer])
    }

    let source: Source

    struct AsyncIterator: AsyncIteratorProtocol {
        var http: HTTPClientResponse.Body.AsyncIterator?
        var lean: LeanBody.AsyncIterator?
        var buffers: IndexingIterator<[ByteBuffer]>?

        mutating func next() async throws -> ByteBuffer? {
            if lean != nil { return try await lean!.next() }
            if http != nil { return try await http!.next() }
            return buffers?.next()
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        switch source {
        case .http(let body): AsyncIterator(http: body.makeAsyncIterator())
        case .lean(let body): AsyncIterator(lean: body.makeAsyncIterator())
        case .buffers(let buffers): AsyncIterator(buffers: buffers.makeIterator())
        }
    }

    /// Collects the whole body, refusing more than `limit` bytes.
    func collect(upTo limit: Int) async throws -> ByteBuffer {
        switch source {
        case .http(let body):
            return try await body.collect(upTo: limit)
        case .lean(let body):
            return try await body.collect(upTo: limit)
        case .buffers(let buffers):
            var out = ByteBuffer()
            for var buffer in buffers { out.writeBuffer(&buffer) }
            return out
        }
    }
}
