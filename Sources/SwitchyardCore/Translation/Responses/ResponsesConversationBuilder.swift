/// Turns Responses items into chat messages, in order.
///
/// Chat has one assistant message per turn where Responses has one item per output: an
/// assistant message item and the `function_call` items right after it merge into one
/// assistant message with `tool_calls`. A `reasoning` item becomes the `reasoning_content` of
/// the assistant message that follows it, and is dropped when a non-assistant item follows.
struct ResponsesConversationBuilder {
    let policy: TranslationPolicy
    private(set) var messages: [ChatMessage] = []
    /// The assistant turn being assembled; it ends when an item of another kind arrives.
    private var assistant: ChatMessage?
    private var reasoning: String?

    init(policy: TranslationPolicy) {
        self.policy = policy
    }

    /// Appends `items`; `param` names where they came from in errors (`input`, `previous_response_id`).
    mutating func add(_ items: [ResponseItem], param: String) throws(GatewayError) {
        for (position, item) in items.enumerated() {
            try add(item, param: "\(param)[\(position)]")
        }
    }

    /// The messages, with the last assistant turn closed.
    mutating func finish() -> [ChatMessage] {
        closeAssistant()
        reasoning = nil
        return messages
    }

    private mutating func add(_ item: ResponseItem, param: String) throws(GatewayError) {
        switch item {
        case .message(let message) where message.role == .assistant:
            closeAssistant()
            assistant = try ChatMessage(assistant: message, param: param)
            attachReasoning()
        case .message(let message):
            closeTurn()
            messages.append(try ChatMessage(responses: message, policy: policy, param: param))
        case .functionCall(let call):
            if assistant == nil {
                assistant = ChatMessage(role: .assistant)
                attachReasoning()
            }
            let toolCall = ToolCall(id: call.callID, function: .init(name: call.name, arguments: call.arguments))
            let earlier = assistant?.toolCalls ?? []
            assistant?.toolCalls = earlier + [toolCall]
        case .functionCallOutput(let output):
            closeTurn()
            messages.append(try ChatMessage(toolOutput: output, policy: policy, param: param))
        case .reasoning(let item):
            closeAssistant()
            let text = item.summaryText
            if !text.isEmpty {
                reasoning = [reasoning, text].compactMap { $0 }.joined(separator: "\n\n")
            }
        case .other(let value):
            let type = value["type"]?.stringValue ?? "unknown"
            try policy.unsupported("Input items of type `\(type)` cannot be sent to this model's provider.", param: param)
        }
    }

    private mutating func attachReasoning() {
        assistant?.reasoningContent = reasoning
        reasoning = nil
    }

    private mutating func closeAssistant() {
        if let assistant { messages.append(assistant) }
        assistant = nil
    }

    /// A non-assistant item ends the assistant turn, and no assistant message is left for
    /// pending reasoning to attach to.
    private mutating func closeTurn() {
        closeAssistant()
        reasoning = nil
    }
}
