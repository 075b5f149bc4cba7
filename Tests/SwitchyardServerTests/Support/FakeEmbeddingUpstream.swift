import Foundation
import Hummingbird
import NIOCore

/// A real local server speaking OpenAI's `POST /v1/embeddings`, whose vectors mean something:
/// the L2-normalised counts of a text's lower-cased word unigrams and character trigrams, hashed
/// into `dimensions` buckets. Texts that share most words and spellings are near each other
/// ("capital of France?" and "capital of france"), texts that differ in a word are not as near.
/// It journals every request.
final class FakeEmbeddingUpstream: Sendable {
    static let dimensions = 512

    private let server: FakeUpstreamServer

    private init(server: FakeUpstreamServer) {
        self.server = server
    }

    var baseURL: String { server.baseURL + "/v1" }
    var requests: [RecordedRequest] { server.requests }
    /// The texts it was asked to embed, in order.
    var inputs: [String] {
        requests.flatMap { request -> [String] in
            let input = request.json["input"]
            return (input as? String).map { [$0] } ?? (input as? [String] ?? [])
        }
    }

    static func start() async throws -> FakeEmbeddingUpstream {
        FakeEmbeddingUpstream(server: try await FakeUpstreamServer.start(.echo) { request, _ in try respond(request) })
    }

    func stop() async {
        await server.stop()
    }

    private static func respond(_ recorded: RecordedRequest) throws -> Response {
        guard recorded.path == "/v1/embeddings" else { return error(404, "Unknown path \(recorded.path).", param: nil) }
        let json = recorded.json
        let texts: [String]
        switch json["input"] {
        case let text as String: texts = [text]
        case let list as [String]: texts = list
        default: return error(400, "'input' must be a string or an array of strings", param: "input")
        }
        let base64 = json["encoding_format"] as? String == "base64"
        let data: [[String: Any]] = texts.enumerated().map { index, text in
            let vector = Self.vector(for: text)
            let embedding: Any = base64 ? Self.base64(vector) : vector.map(Double.init)
            return ["object": "embedding", "index": index, "embedding": embedding]
        }
        let tokens = texts.reduce(0) { $0 + Self.words(of: $1).count }
        let body: [String: Any] = [
            "object": "list", "data": data, "model": json["model"] as? String ?? "unknown",
            "usage": ["prompt_tokens": tokens, "total_tokens": tokens],
        ]
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        )
    }

    private static func error(_ status: Int, _ message: String, param: String?) -> Response {
        let body = #"{"error":{"message":"\#(message)","type":"invalid_request_error","param":\#(param.map { "\"\($0)\"" } ?? "null"),"code":null}}"#
        return Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// The vector of `text`: unit length, `dimensions` long.
    static func vector(for text: String) -> [Float] {
        var counts = [Float](repeating: 0, count: dimensions)
        for word in words(of: text) {
            counts[bucket("w:" + word)] += 1
            let padded = Array("#\(word)#")
            if padded.count >= 3 {
                for start in 0...(padded.count - 3) { counts[bucket("c:" + String(padded[start..<start + 3]))] += 1 }
            }
        }
        let length = counts.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return length > 0 ? counts.map { $0 / length } : counts
    }

    /// The cosine similarity of two texts' vectors, as the gateway computes it.
    static func cosine(_ a: String, _ b: String) -> Double {
        zip(vector(for: a), vector(for: b)).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    static func words(of text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// FNV-1a: the same bucket for a feature in every run.
    private static func bucket(_ feature: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in feature.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(hash % UInt64(dimensions))
    }

    private static func base64(_ vector: [Float]) -> String {
        var bytes: [UInt8] = []
        for value in vector { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        return Data(bytes).base64EncodedString()
    }
}
