extension ChatMessage {
    /// A user, system or developer message item as a chat message: developer becomes system
    /// (the role every provider translator reads), input parts become chat parts.
    init(responses message: ResponseMessage, policy: TranslationPolicy, param: String) throws(GatewayError) {
        let role: ChatRole = message.role == .developer ? .system : message.role
        switch message.content {
        case .text(let text):
            self.init(role: role, content: .text(text))
        case .parts(let parts) where role == .system:
            // System turns carry text only; their parts are joined as one text.
            self.init(role: role, content: .text(parts.compactMap(\.text).joined(separator: "\n")))
        case .parts(let parts):
            var converted: [ChatContentPart] = []
            for (position, part) in parts.enumerated() {
                if let part = try ChatContentPart(responses: part, policy: policy, param: "\(param).content[\(position)]") {
                    converted.append(part)
                }
            }
            self.init(role: role, content: .parts(converted))
        }
    }

    /// An assistant message item (an earlier answer) as a chat message: its text parts joined
    /// as the content, its refusal as `refusal`.
    init(assistant message: ResponseMessage, param: String) throws(GatewayError) {
        switch message.content {
        case .text(let text):
            self.init(role: .assistant, content: .text(text))
        case .parts(let parts):
            let texts = parts.compactMap(\.text)
            let refusals = parts.compactMap { part -> String? in
                if case .refusal(let refusal, _) = part { return refusal }
                return nil
            }
            self.init(
                role: .assistant,
                content: texts.isEmpty ? nil : .text(texts.joined()),
                refusal: refusals.isEmpty ? nil : refusals.joined()
            )
        }
    }

    /// A `function_call_output` item as a `tool` message. Text outputs are joined; images and
    /// files stay parts, which the provider translators that accept them in tool results read.
    init(toolOutput item: ResponseFunctionCallOutput, policy: TranslationPolicy, param: String) throws(GatewayError) {
        switch item.output {
        case .text(let text):
            self.init(role: .tool, content: .text(text), toolCallID: item.callID)
        case .parts(let parts):
            var converted: [ChatContentPart] = []
            for (position, part) in parts.enumerated() {
                if let part = try ChatContentPart(responses: part, policy: policy, param: "\(param).output[\(position)]") {
                    converted.append(part)
                }
            }
            let content: ChatMessageContent
            if converted.allSatisfy({ $0.text != nil }) {
                content = .text(converted.compactMap(\.text).joined())
            } else {
                content = .parts(converted)
            }
            self.init(role: .tool, content: content, toolCallID: item.callID)
        }
    }
}
