import Foundation
import NIOCore
import SwitchyardCore

/// One file of the console, held in memory with its content type and an ETag taken from its
/// bytes, so a browser that has it revalidates with `If-None-Match` and gets a 304.
struct ConsoleAsset: Sendable {
    let contentType: String
    let body: ByteBuffer
    /// A strong validator: the start of the body's SHA-256 in hex, quoted.
    let etag: String

    init(contentType: String, text: String) {
        self.contentType = contentType
        self.body = ByteBuffer(string: text)
        self.etag = "\"" + KeySecret.hash(text).prefix(32) + "\""
    }

    /// Whether an `If-None-Match` header names this version (`*`, or a list holding the ETag,
    /// weak or not).
    func isCurrent(ifNoneMatch header: String?) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
