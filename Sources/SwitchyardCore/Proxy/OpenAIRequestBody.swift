import Foundation
import NIOCore

/// A client's OpenAI-dialect request body, validated and indexed but not decoded.
///
/// Only `model`, `stream` and `stream_options` are read; everything else reaches the
/// upstream as the client wrote it.
public struct OpenAIRequestBody: Sendable {
    public let endpoint: Endpoint
    public let bytes: ByteBuffer
    public let index: JSONObjectIndex
    public let model: String
    public let stream: Bool
    /// Whether the client itself asked for a usage chunk (`stream_options.include_usage`).
    public let clientWantsStreamUsage: Bool
    /// The per-request `drop_params` flag (a LiteLLM extension), when the client sent one.
    public let dropParams: Bool?
    /// A per-request fallback list (`fallbacks`, a LiteLLM extension).
    public let fallbacks: [String]?
    /// An OpenRouter-style list of models to try in order after `model`.
    public let models: [String]?

    /// Members that steer the gateway and are never sent upstream.
    public static let gatewayOnlyMembers: Set<String> = [
        "drop_params", "fallbacks", "models", "num_retries", "mock_response", "tags", "caching",
    ]

    public static func parse(_ bytes: ByteBuffer, endpoint: Endpoint) throws(GatewayError) -> OpenAIRequestBody {
        let parsed: Result<OpenAIRequestBody, GatewayError> = bytes.withUnsafeReadableBytes { raw in
            let index: JSONObjectIndex
            do {
                index = try JSONScanner.indexObject(raw)
            } catch let error as JSONSyntaxError {
                return .failure(.malformedJSON(error))
            } catch {
                return .failure(.invalidRequest("The request body is not valid JSON."))
            }
            do {
                return .success(try OpenAIRequestBody(endpoint: endpoint, bytes: bytes, index: index, raw: raw))
            } catch let error as GatewayError {
                return .failure(error)
            } catch {
                return .failure(.invalidRequest("\(error)"))
            }
        }
        return try parsed.get()
    }

    private init(endpoint: Endpoint, bytes: ByteBuffer, index: JSONObjectIndex, raw: UnsafeRawBufferPointer) throws(GatewayError) {
        guard let modelMember = index.member("model") else {
            throw GatewayError(.invalidRequest, "Missing required parameter: 'model'.", param: "model", code: "missing_required_parameter")
        }
        guard modelMember.kind == .string, let model = index.string("model", in: raw), !model.isEmpty else {
            throw .invalidRequest("'model' must be a non-empty string.", param: "model")
        }
        for name in endpoint.requiredMembers where index.member(name) == nil {
            throw GatewayError(.invalidRequest, "Missing required parameter: '\(name)'.", param: name, code: "missing_required_parameter")
        }
        if endpoint == .chatCompletions, let messages = index.member("messages") {
            guard messages.kind == .array else { throw .invalidRequest("'messages' must be an array.", param: "messages") }
            let inner = raw[(messages.valueRange.lowerBound + 1)..<(messages.valueRange.upperBound - 1)]
            if inner.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                throw .invalidRequest("'messages' must contain at least one message.", param: "messages")
            }
        }
        var stream = false
        if let member = index.member("stream"), member.kind != .null {
            guard member.kind == .bool, let value = index.bool("stream", in: raw) else {
                throw .invalidRequest("'stream' must be a boolean.", param: "stream")
            }
            guard endpoint.canStream || !value else {
                throw .invalidRequest("'stream' is not supported for \(endpoint.rawValue).", param: "stream")
            }
            stream = value
        }
        var wantsUsage = false
        if let options = index.member("stream_options"), options.kind != .null {
            guard options.kind == .object else {
                throw .invalidRequest("'stream_options' must be an object.", param: "stream_options")
            }
            let optionsRaw = UnsafeRawBufferPointer(rebasing: raw[options.valueRange])
            if let optionsIndex = try? JSONScanner.indexObject(optionsRaw) {
                wantsUsage = optionsIndex.bool("include_usage", in: optionsRaw) ?? false
            }
        }
        var dropParams: Bool?
        if let member = index.member("drop_params"), member.kind == .bool {
            dropParams = index.bool("drop_params", in: raw)
        }
        self.fallbacks = try Self.modelList("fallbacks", index: index, raw: raw)
        self.models = try Self.modelList("models", index: index, raw: raw)
        self.endpoint = endpoint
        self.bytes = bytes
        self.index = index
        self.model = model
        self.stream = stream
        self.clientWantsStreamUsage = wantsUsage
        self.dropParams = dropParams
    }

    /// The body decoded as a typed chat request, gateway-only members removed (for translation).
    public func decodedChat() throws(GatewayError) -> ChatCompletionRequest {
        do {
            var chat = try JSONDecoder().decode(ChatCompletionRequest.self, from: Data(bytes.readableBytesView))
            for name in Self.gatewayOnlyMembers { chat.extra[name] = nil }
            return chat
        } catch let error as DecodingError {
            throw .invalidRequest("The request does not match the chat completions schema: \(error)")
        } catch {
            throw .invalidRequest("The request does not match the chat completions schema.")
        }
    }

    /// A list of model names: strings, or objects with a `model` member (LiteLLM accepts both).
    private static func modelList(_ name: String, index: JSONObjectIndex, raw: UnsafeRawBufferPointer) throws(GatewayError) -> [String]? {
        guard let member = index.member(name), member.kind != .null else { return nil }
        guard member.kind == .array, let items = try? index.decode([JSONValue].self, name, in: raw) else {
            throw .invalidRequest("'\(name)' must be an array of model names.", param: name)
        }
        var names: [String] = []
        for item in items {
            if let text = item.stringValue {
                names.append(text)
            } else if let text = item["model"]?.stringValue {
                names.append(text)
            } else {
                throw .invalidRequest("'\(name)' must be an array of model names.", param: name)
            }
        }
        return names
    }

    /// Whether the body has a member (top level) with a non-null value.
    public func has(_ name: String) -> Bool {
        guard let member = index.member(name) else { return false }
        return member.kind != .null
    }

    /// The body to send upstream: the model swapped, gateway-only members and dropped
    /// parameters removed, and a usage request added to streams.
    public func upstreamBody(
        model upstreamModel: String,
        dropping dropped: Set<String>,
        requestStreamUsage: Bool,
        allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) -> ByteBuffer {
        var edit = JSONObjectEdit()
        if upstreamModel != model { edit.set("model", string: upstreamModel) }
        for member in index.members where Self.gatewayOnlyMembers.contains(member.key) || dropped.contains(member.key) {
            edit.remove(member.key)
        }
        if requestStreamUsage && stream && !clientWantsStreamUsage {
            edit.set("stream_options", rawJSON: streamOptionsWithUsage())
        }
        if edit.isEmpty { return bytes }
        var out = allocator.buffer(capacity: bytes.readableBytes + 48)
        bytes.withUnsafeReadableBytes { raw in
            edit.apply(to: raw, index: index, into: &out)
        }
        return out
    }

    /// The client's `stream_options` with `include_usage: true` added.
    private func streamOptionsWithUsage() -> [UInt8] {
        let usageMember = Array(#""include_usage":true"#.utf8)
        guard let member = index.member("stream_options"), member.kind == .object else {
            return [UInt8(ascii: "{")] + usageMember + [UInt8(ascii: "}")]
        }
        return bytes.withUnsafeReadableBytes { raw in
            let optionsRaw = UnsafeRawBufferPointer(rebasing: raw[member.valueRange])
            guard let optionsIndex = try? JSONScanner.indexObject(optionsRaw) else {
                return [UInt8(ascii: "{")] + usageMember + [UInt8(ascii: "}")]
            }
            var edit = JSONObjectEdit()
            edit.set("include_usage", rawJSON: Array("true".utf8))
            var buffer = ByteBuffer()
            edit.apply(to: optionsRaw, index: optionsIndex, into: &buffer)
            return Array(buffer.readableBytesView)
        }
    }
}
