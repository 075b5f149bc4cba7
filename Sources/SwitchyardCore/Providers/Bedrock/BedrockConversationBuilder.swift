import Foundation

/// Turns OpenAI messages into Converse's system blocks and alternating turns.
struct BedrockConversationBuilder {
    var policy: BedrockDropPolicy
    private(set) var system: [BedrockSystemBlock] = []
    private(set) var messages: [BedrockMessage] = []
    /// Whether any turn holds a tool call or result (Converse then needs a `toolConfig`).
    private(set) var usesTools = false

    init(policy: BedrockDropPolicy) {
        self.policy = policy
    }

    mutating func add(_ message: ChatMessage, at index: Int) throws(GatewayError) {
        switch message.role {
        case .system, .developer:
            for text in try texts(of: message, at: index) where !text.isEmpty {
                system.append(.text(text))
            }
        case .user:
            append(try userBlocks(of: message, at: index), as: .user)
        case .tool:
            append([.toolResult(try toolResult(of: message, at: index))], as: .user)
            usesTools = true
        case .assistant:
            append(try assistantBlocks(of: message, at: index), as: .assistant)
        case .function, .other:
            try policy.unsupported("Bedrock Converse has no `\(message.role.rawValue)` messages.", param: "messages[\(index)].role")
        }
    }

    /// Adds `blocks` to the last turn when it has the same role, else starts a turn.
    private mutating func append(_ blocks: [BedrockContentBlock], as role: BedrockRole) {
        guard !blocks.isEmpty else { return }
        if let last = messages.indices.last, messages[last].role == role {
            messages[last].content += blocks
        } else {
            messages.append(BedrockMessage(role: role, content: blocks))
        }
    }

    // MARK: Content

    /// The text of a message whose parts must all be text (system, developer, tool).
    private func texts(of message: ChatMessage, at index: Int) throws(GatewayError) -> [String] {
        switch message.content {
        case nil: return []
        case .text(let text)?: return [text]
        case .parts(let parts)?:
            var texts: [String] = []
            for (partIndex, part) in parts.enumerated() {
                if let text = part.text {
                    texts.append(text)
                } else {
                    try policy.unsupported(
                        "Bedrock takes only text in a \(message.role.rawValue) message, not `\(part.type)`.",
                        param: "messages[\(index)].content[\(partIndex)]"
                    )
                }
            }
            return texts
        }
    }

    private func userBlocks(of message: ChatMessage, at index: Int) throws(GatewayError) -> [BedrockContentBlock] {
        switch message.content {
        case nil: return []
        case .text(let text)?: return text.isEmpty ? [] : [.text(text)]
        case .parts(let parts)?:
            var blocks: [BedrockContentBlock] = []
            for (partIndex, part) in parts.enumerated() {
                if let block = try block(for: part, param: "messages[\(index)].content[\(partIndex)]") {
                    blocks.append(block)
                }
            }
            return blocks
        }
    }

    private func block(for part: ChatContentPart, param: String) throws(GatewayError) -> BedrockContentBlock? {
        switch part {
        case .text(let text, _):
            return text.isEmpty ? nil : .text(text)
        case .imageURL(let image, _):
            return try imageBlock(image.url, param: param + ".image_url.url")
        case .file(let file, _):
            return try fileBlock(file, param: param + ".file")
        case .inputAudio:
            throw GatewayError.audioNotSupported(provider: "Bedrock", param: param)
        default:
            try policy.unsupported("Bedrock Converse through the gateway takes text, images and documents, not `\(part.type)` parts.", param: param)
            return nil
        }
    }

    /// An image from a base64 `data:` URL; Converse takes bytes and the gateway fetches nothing.
    private func imageBlock(_ url: String, param: String) throws(GatewayError) -> BedrockContentBlock? {
        guard url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") else {
            try policy.unsupported("Bedrock takes images as bytes: send a base64 `data:` URL, not a link.", param: param)
            return nil
        }
        let header = url[url.index(url.startIndex, offsetBy: 5)..<comma].split(separator: ";")
        let mediaType = header.first.map(String.init) ?? ""
        guard header.last == "base64", let format = BedrockImageBlock.format(forMediaType: mediaType) else {
            try policy.unsupported("Bedrock takes base64 png, jpeg, gif or webp images, not `\(mediaType)`.", param: param)
            return nil
        }
        return .image(BedrockImageBlock(format: format, base64: String(url[url.index(after: comma)...])))
    }

    /// A file given inline (`file_data` as a base64 `data:` URL): an image block for an image,
    /// else a document block named after the file (`param` names the fallback, so two unnamed
    /// documents never share a name).
    private func fileBlock(_ file: ChatContentPart.File, param: String) throws(GatewayError) -> BedrockContentBlock? {
        guard let fileData = file.fileData, let data = DataURL(fileData) else {
            try policy.unsupported("Bedrock takes files inline only (`file_data` as a base64 data: URL).", param: param)
            return nil
        }
        if let format = BedrockImageBlock.format(forMediaType: data.mediaType) {
            return .image(BedrockImageBlock(format: format, base64: data.base64))
        }
        guard let format = BedrockDocumentBlock.format(forMediaType: data.mediaType) else {
            try policy.unsupported(
                "Bedrock takes documents in pdf, csv, doc, docx, xls, xlsx, html, txt or md, not `\(data.mediaType)`.", param: param + ".file_data"
            )
            return nil
        }
        let fallback = "document " + param.filter { $0.isNumber || $0 == "." }.split(separator: ".").joined(separator: "-")
        return .document(BedrockDocumentBlock(format: format, name: BedrockDocumentBlock.name(from: file.filename, fallback: fallback), base64: data.base64))
    }

    private func toolResult(of message: ChatMessage, at index: Int) throws(GatewayError) -> BedrockToolResultBlock {
        guard let id = message.toolCallID, !id.isEmpty else {
            throw GatewayError.invalidRequest("A tool message needs the tool_call_id it answers.", param: "messages[\(index)].tool_call_id")
        }
        let text = try texts(of: message, at: index).joined()
        let content: [BedrockToolResultContent]
        if let json = BedrockJSON.parse(text), json.objectValue != nil {
            content = [.json(json)]
        } else {
            content = text.isEmpty ? [] : [.text(text)]
        }
        let status = message.extra["is_error"]?.boolValue == true ? "error" : nil
        return BedrockToolResultBlock(toolUseId: id, content: content, status: status)
    }

    private mutating func assistantBlocks(of message: ChatMessage, at index: Int) throws(GatewayError) -> [BedrockContentBlock] {
        var blocks = Self.reasoningBlocks(message.extra["thinking_blocks"])
        blocks += try texts(of: message, at: index).filter { !$0.isEmpty }.map(BedrockContentBlock.text)
        for (callIndex, call) in (message.toolCalls ?? []).enumerated() {
            let arguments = call.function.arguments.trimmingCharacters(in: .whitespacesAndNewlines)
            let input = arguments.isEmpty ? JSONValue.object([:]) : BedrockJSON.parse(arguments)
            guard let input, input.objectValue != nil else {
                throw GatewayError.invalidRequest(
                    "The arguments of tool call `\(call.id)` are not a JSON object.",
                    param: "messages[\(index)].tool_calls[\(callIndex)].function.arguments"
                )
            }
            blocks.append(.toolUse(BedrockToolUseBlock(toolUseId: call.id, name: call.function.name, input: input)))
            usesTools = true
        }
        return blocks
    }

    /// `thinking_blocks` (Anthropic's `thinking` / `redacted_thinking` shapes, as LiteLLM and
    /// the other translators write them) as Converse reasoning blocks.
    static func reasoningBlocks(_ value: JSONValue?) -> [BedrockContentBlock] {
        (value?.arrayValue ?? []).compactMap { block in
            switch block["type"]?.stringValue {
            case "thinking":
                guard let text = block["thinking"]?.stringValue else { return nil }
                return .reasoningContent(.reasoningText(text: text, signature: block["signature"]?.stringValue))
            case "redacted_thinking":
                return block["data"]?.stringValue.map { .reasoningContent(.redactedContent($0)) }
            default:
                return nil
            }
        }
    }
}
