import Foundation

extension BedrockStreamEvent {
    /// The ConverseStream event an event-stream message carries.
    ///
    /// Exception messages (`:message-type: exception`) and protocol errors
    /// (`:message-type: error`) become `.exception`; a payload that is not the JSON its event
    /// type needs throws a 502.
    public init(message: AWSEventStreamMessage) throws(GatewayError) {
        switch message.messageType {
        case "exception":
            let payload = try? JSONDecoder().decode(JSONValue.self, from: Data(message.payload))
            let text = payload?["message"]?.stringValue ?? payload?["Message"]?.stringValue
                ?? String(decoding: message.payload, as: UTF8.self)
            self = .exception(type: message.exceptionType ?? "exception", message: text)
        case "error":
            self = .exception(
                type: message.stringHeader(":error-code") ?? "error",
                message: message.stringHeader(":error-message") ?? ""
            )
        default:
            let type = message.eventType ?? ""
            self = try Self.event(type: type, payload: message.payload)
        }
    }

    private static func event(type: String, payload: [UInt8]) throws(GatewayError) -> BedrockStreamEvent {
        let known = ["messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata"]
        guard known.contains(type) else { return .unknown(type: type) }
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(payload)) else {
            throw malformed(type, "is not JSON")
        }
        switch type {
        case "messageStart":
            return .messageStart(role: BedrockRole(rawValue: json["role"]?.stringValue ?? "assistant"))
        case "contentBlockStart":
            let start = json["start"] ?? .null
            if let toolUse = start["toolUse"], let id = toolUse["toolUseId"]?.stringValue, let name = toolUse["name"]?.stringValue {
                return .contentBlockStart(index: try index(json, type), start: .toolUse(toolUseId: id, name: name))
            }
            return .contentBlockStart(index: try index(json, type), start: .other(start))
        case "contentBlockDelta":
            return .contentBlockDelta(index: try index(json, type), delta: delta(json["delta"] ?? .null))
        case "contentBlockStop":
            return .contentBlockStop(index: try index(json, type))
        case "messageStop":
            guard let reason = json["stopReason"]?.stringValue else { throw malformed(type, "has no stopReason") }
            return .messageStop(stopReason: BedrockStopReason(rawValue: reason), additionalModelResponseFields: json["additionalModelResponseFields"])
        default:
            let usage = try? JSONDecoder().decode(MetadataUsage.self, from: Data(payload)).usage
            return .metadata(usage: usage, metrics: json["metrics"])
        }
    }

    private static func delta(_ delta: JSONValue) -> BedrockContentBlockDelta {
        if let text = delta["text"]?.stringValue { return .text(text) }
        if let input = delta["toolUse"]?["input"]?.stringValue { return .toolUseInput(input) }
        if let reasoning = delta["reasoningContent"] {
            if let text = reasoning["text"]?.stringValue { return .reasoningText(text) }
            if let signature = reasoning["signature"]?.stringValue { return .reasoningSignature(signature) }
            if let redacted = reasoning["redactedContent"]?.stringValue { return .reasoningRedacted(redacted) }
        }
        return .other(delta)
    }

    private static func index(_ json: JSONValue, _ type: String) throws(GatewayError) -> Int {
        guard let index = json["contentBlockIndex"]?.intValue, index >= 0 else {
            throw malformed(type, "has no valid contentBlockIndex")
        }
        return index
    }

    private static func malformed(_ type: String, _ problem: String) -> GatewayError {
        GatewayError(.upstreamUnavailable, "Bedrock sent a `\(type)` event that \(problem).")
    }

    private struct MetadataUsage: Decodable {
        var usage: BedrockTokenUsage?
    }
}
