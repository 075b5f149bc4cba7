import Foundation
import NIOCore
import SwitchyardCore

/// Token counting for providers with no counting endpoint: about four bytes of the encoded
/// conversation per token, in the surface's answer shape.
enum TokenCountEstimate {
    static func answer(_ request: OperationRequest) throws -> ProxiedAnswer {
        let encoder = JSONEncoder()
        let body: String
        switch request.operation.surface {
        case .anthropic:
            let parsed = try request.decode(AnthropicCountTokensRequest.self)
            let size = (try? encoder.encode(parsed.messages))?.count ?? request.bytes.readableBytes
            body = #"{"input_tokens":\#(max(1, size / 4))}"#
        case .gemini:
            let parsed = try request.decode(GeminiCountTokensRequest.self)
            let size = (try? encoder.encode(parsed))?.count ?? request.bytes.readableBytes
            body = #"{"totalTokens":\#(max(1, size / 4))}"#
        case .openAI:
            body = #"{"total_tokens":\#(max(1, request.bytes.readableBytes / 4))}"#
        }
        return ProxiedAnswer(contentType: "application/json", body: .whole(ByteBuffer(string: body), usage: nil))
    }
}
