extension MockModel {
    /// The non-streamed answer to a chat request; see the type's documentation for the rules.
    public func chatCompletion(_ request: ChatCompletionRequest, created: Int) -> ChatCompletionResponse {
        let answer = chatAnswer(request)
        let count = Self.choiceCount(request.n)
        let message = ChatMessage(
            role: .assistant,
            content: answer.content.map(ChatMessageContent.text),
            toolCalls: answer.toolCalls.isEmpty ? nil : answer.toolCalls
        )
        let choices = (0..<count).map { index in
            ChatChoice(index: index, message: message, finishReason: answer.finishReason)
        }
        return ChatCompletionResponse(
            id: answer.id,
            created: created,
            model: name,
            choices: choices,
            usage: Self.usage(
                promptTokens: Self.promptTokens(request.messages),
                completionTokens: answer.completionTokens,
                choices: count
            )
        )
    }
}
