import Hummingbird
import NIOCore
import SwitchyardCore

/// Passes on a whole answer too large to hold (over `Gateway.bufferedAnswerBytes`) as it
/// arrives, keeping only its last bytes to read the usage providers put at the end. Memory
/// stays bounded whatever the size; the total is still capped at the response size limit.
struct LargeAnswerRelay: Sendable {
    /// Enough for any usage object, with room for the members after it.
    static let tailBytes = 64 * 1024

    let gateway: Gateway
    let candidate: RouteTarget.Candidate
    let meter: RequestMeter
    /// The request answered: what its answer is metered in (tokens, images, pages…).
    let request: OperationRequest
    let usageDialect: UsageReader.Dialect

    /// - Throws: a 502 when the start of the answer is not a JSON object: the status line has
    ///   not gone out yet, so this is still a clean failure.
    func relay(start: ByteBuffer, rest: IteratorBox<UpstreamBody.AsyncIterator>, provider: String) throws(GatewayError) -> ResponseBody {
        guard Self.opensObject(start) else {
            throw UpstreamFailure.invalidAnswer("a body that is not JSON", provider: provider)
        }
        return stream(start: start, rest: rest, provider: provider)
    }

    /// Passes on `start`, then the rest as it arrives, whatever the body is (the caller has
    /// checked it), and books what it used at the end.
    func stream(start: ByteBuffer, rest: IteratorBox<UpstreamBody.AsyncIterator>, provider: String) -> ResponseBody {
        let limit = gateway.maxResponseBytes
        let gateway = gateway
        let candidate = candidate
        let meter = meter
        let dialect = usageDialect
        let request = request
        return ResponseBody { writer in
            defer { gateway.ledger.end(candidate.key) }
            var tail = Tail()
            var counter = JSONKeyCounter(keys: request.countedAnswerKeys)
            start.withUnsafeReadableBytes { counter.scan($0) }
            tail.append(start)
            var total = start.readableBytes
            try await writer.write(start)
            while let chunk = try await rest.iterator.next() {
                total += chunk.readableBytes
                // Past the cap the answer is cut: the unfinished chunked body tells the client.
                guard total <= limit else { throw UpstreamFailure.invalidAnswer("a body over \(limit) bytes", provider: candidate.deployment.provider.rawValue) }
                try await writer.write(chunk)
                chunk.withUnsafeReadableBytes { counter.scan($0) }
                tail.append(chunk)
            }
            let counted = counter.count
            if let usage = tail.joined().withUnsafeReadableBytes({ request.meteredUsage(inTail: $0, counted: counted, dialect: dialect) }) {
                gateway.record(usage, candidate: candidate, meter: meter)
            }
            try await writer.finish(nil)
        }
    }

    /// The last buffers of a body, at least `tailBytes` of them when there are that many:
    /// buffers are kept by reference, and only joined once, at the end.
    struct Tail {
        private var buffers: [ByteBuffer] = []
        private var bytes = 0

        mutating func append(_ buffer: ByteBuffer) {
            buffers.append(buffer)
            bytes += buffer.readableBytes
            while let first = buffers.first, bytes - first.readableBytes >= LargeAnswerRelay.tailBytes {
                bytes -= first.readableBytes
                buffers.removeFirst()
            }
        }

        func joined() -> ByteBuffer {
            var out = ByteBuffer()
            out.reserveCapacity(bytes)
            for var buffer in buffers { out.writeBuffer(&buffer) }
            return out
        }
    }

    /// Whether the first byte after leading whitespace opens a JSON object.
    static func opensObject(_ buffer: ByteBuffer) -> Bool {
        buffer.withUnsafeReadableBytes { bytes in
            bytes.first { !JSONScanner.isWhitespace($0) } == UInt8(ascii: "{")
        }
    }
}
