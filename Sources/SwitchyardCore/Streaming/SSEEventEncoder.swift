import Foundation

/// Writes one named server-sent event as Anthropic and OpenAI's Responses API send them:
/// `event: <name>\ndata: <json>\n\n`.
///
/// The JSON is compact, so it is one `data:` line (JSON never contains a raw newline).
public enum SSEEventEncoder {
    public static func encode(name: String, _ payload: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = Array("event: \(name)\ndata: ".utf8)
        bytes.append(contentsOf: try encoder.encode(payload))
        bytes.append(contentsOf: [0x0A, 0x0A])
        return bytes
    }
}
