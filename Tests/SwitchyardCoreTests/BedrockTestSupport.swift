import Foundation

@testable import SwitchyardCore

enum BedrockTestSupport {
    /// `value` as compact JSON with sorted keys, for exact comparisons.
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "<unencodable>" }
        return String(decoding: data, as: UTF8.self)
    }

    /// An OpenAI chat request decoded from JSON text, as the gateway receives it.
    static func chatRequest(_ text: String) throws -> ChatCompletionRequest {
        try JSONDecoder().decode(ChatCompletionRequest.self, from: Data(text.utf8))
    }

    /// The first choice's message of a decoded response.
    static func converseResponse(_ text: String) throws -> BedrockConverseResponse {
        try JSONDecoder().decode(BedrockConverseResponse.self, from: Data(text.utf8))
    }

    /// An event-stream message as Bedrock sends a ConverseStream event, padding included.
    static func event(_ type: String, _ payload: String) -> AWSEventStreamMessage {
        AWSEventStreamMessage(
            headers: [
                .init(name: ":event-type", value: .string(type)),
                .init(name: ":content-type", value: .string("application/json")),
                .init(name: ":message-type", value: .string("event")),
            ],
            payload: Array(payload.utf8)
        )
    }

    /// An exception message as Bedrock sends it mid-stream.
    static func exception(_ type: String, _ message: String) -> AWSEventStreamMessage {
        AWSEventStreamMessage(
            headers: [
                .init(name: ":exception-type", value: .string(type)),
                .init(name: ":content-type", value: .string("application/json")),
                .init(name: ":message-type", value: .string("exception")),
            ],
            payload: Array(#"{"message":"\#(message)"}"#.utf8)
        )
    }
}
