import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// Calls the Files API the way the OpenAI SDK does (multipart uploads), for the files tests.
struct FilesClient: Sendable {
    let client: any TestClientProtocol
    static let boundary = "sy-test-boundary-5f2c"

    /// A `multipart/form-data` body with `fields` first, then the `file` part (unless nil),
    /// then `trailing` fields.
    static func form(file: [UInt8]?, filename: String = "data.bin", fields: [(String, String)], trailing: [(String, String)] = []) -> ByteBuffer {
        var body = ByteBuffer()
        func field(_ name: String, _ value: String) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for (name, value) in fields { field(name, value) }
        if let file {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n")
            body.writeString("Content-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file)
            body.writeString("\r\n")
        }
        for (name, value) in trailing { field(name, value) }
        body.writeString("--\(boundary)--\r\n")
        return body
    }

    static var formType: String { "multipart/form-data; boundary=\(boundary)" }

    func upload(
        _ file: [UInt8], key: String, purpose: String = "user_data", filename: String = "data.bin", fields: [(String, String)] = [],
        uri: String = "/v1/files"
    ) async throws -> TestResponse {
        try await send(Self.form(file: file, filename: filename, fields: [("purpose", purpose)] + fields), key: key, uri: uri)
    }

    func send(_ body: ByteBuffer, key: String, contentType: String = formType, uri: String = "/v1/files") async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: [.authorization: "Bearer \(key)", .contentType: contentType], body: body)
    }

    func get(_ uri: String, key: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(key)"])
    }

    func delete(_ id: String, key: String) async throws -> TestResponse {
        try await client.execute(uri: "/v1/files/\(id)", method: .delete, headers: [.authorization: "Bearer \(key)"])
    }

    /// The ids of a list answer, in order.
    static func ids(_ response: TestResponse) -> [String] {
        (response.body.json["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    /// `count` bytes that look random (xorshift from a random seed): every value, no pattern
    /// a parser could lean on, and quick to make in a debug build.
    static func random(_ count: Int) -> [UInt8] {
        var state = UInt64.random(in: 1 ... .max)
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var index = 0
            while index < count {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                var word = state
                for _ in 0..<8 where index < count {
                    buffer[index] = UInt8(truncatingIfNeeded: word)
                    word >>= 8
                    index += 1
                }
            }
            initialized = count
        }
    }
}

extension TestResponse {
    var storageUsed: Int? { headers[HTTPField.Name("x-storage-used-bytes")!].flatMap { Int($0) } }
    var storageLimit: Int? { headers[HTTPField.Name("x-storage-limit-bytes")!].flatMap { Int($0) } }
}
