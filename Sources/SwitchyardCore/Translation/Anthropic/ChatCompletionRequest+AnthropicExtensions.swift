extension ChatCompletionRequest {
    /// The request without the members the Anthropic translators add to `extra` bags
    /// (`AnthropicPivotKey`), for an upstream that speaks real OpenAI and rejects unknown members.
    public func removingAnthropicExtensions() -> ChatCompletionRequest {
        var copy = self
        copy.extra[AnthropicPivotKey.topK] = nil
        copy.extra[AnthropicPivotKey.thinking] = nil
        copy.messages = messages.map { message in
            var message = message
            message.extra[AnthropicPivotKey.thinkingBlocks] = nil
            message.extra[AnthropicPivotKey.cacheControl] = nil
            message.extra[AnthropicPivotKey.isError] = nil
            if case .parts(let parts)? = message.content {
                message.content = .parts(parts.map(Self.removingCacheControl))
            }
            message.toolCalls = message.toolCalls?.map { call in
                var call = call
                call.extra[AnthropicPivotKey.cacheControl] = nil
                return call
            }
            return message
        }
        copy.tools = tools?.map { tool in
            var tool = tool
            tool.extra[AnthropicPivotKey.cacheControl] = nil
            return tool
        }
        return copy
    }

    private static func removingCacheControl(_ part: ChatContentPart) -> ChatContentPart {
        switch part {
        case .text(let text, var extra):
            extra[AnthropicPivotKey.cacheControl] = nil
            return .text(text, extra: extra)
        case .imageURL(let image, var extra):
            extra[AnthropicPivotKey.cacheControl] = nil
            return .imageURL(image, extra: extra)
        case .inputAudio(let audio, var extra):
            extra[AnthropicPivotKey.cacheControl] = nil
            return .inputAudio(audio, extra: extra)
        case .file(let file, var extra):
            extra[AnthropicPivotKey.cacheControl] = nil
            return .file(file, extra: extra)
        case .other:
            return part
        }
    }
}
