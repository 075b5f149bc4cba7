import Foundation
import NIOCore

/// A client's JSON request for one operation, validated and indexed but not decoded.
///
/// Only what the gateway acts on is read (the model, `stream`, the request controls and the
/// client's model lists); everything else reaches a same-dialect upstream as the client wrote
/// it. Translators decode it on demand with `decode(_:)`.
public struct OperationRequest: Sendable {
    public let operation: GatewayOperation
    /// The JSON body; for a multipart upload, its text fields as a JSON object (the form
    /// itself is `form`).
    public let bytes: ByteBuffer
    /// The multipart upload, when the client sent one.
    public let form: MultipartForm?
    /// A transcription's audio (`file`), read once when the request is parsed: a slice of the
    /// form, or decoded from the JSON's base64.
    public private(set) var audio: Upload?
    public let index: JSONObjectIndex
    /// The model group asked for: the body's model field, or the path's model.
    public let model: String
    public let stream: Bool
    /// Whether the client itself asked for a usage chunk (`stream_options.include_usage`).
    public let clientWantsStreamUsage: Bool
    public let controls: RequestControls
    /// The model asked for and the client's own `models` and `fallbacks` lists.
    public let plan: RoutePlan

    /// Members that steer the gateway and are never sent upstream.
    public static let gatewayOnlyMembers: Set<String> = [
        "drop_params", "additional_drop_params", "fallbacks", "models", "num_retries", "mock_response", "tags", "caching", "cache", "guardrails",
    ]

    /// - Parameter pathModel: the model named in the path, for operations that take it there.
    /// - Parameter contentType: the request's Content-Type; a multipart upload is read as a
    ///   form for operations that take one.
    public static func parse(
        _ bytes: ByteBuffer, contentType: String? = nil, operation: GatewayOperation, pathModel: String? = nil
    ) throws(GatewayError) -> OperationRequest {
        if case .form(let required, _) = operation.body, let contentType, MultipartForm.boundary(fromContentType: contentType) != nil {
            let form = try MultipartForm(parsing: bytes, contentType: contentType)
            for name in required where form.value(name) == nil && form.files(name).isEmpty {
                throw GatewayError(.invalidRequest, "Missing required parameter: '\(name)'.", param: name, code: "missing_required_parameter")
            }
            return try parse(form.fieldsJSON, operation: operation, pathModel: pathModel, form: form)
        }
        return try parse(bytes, operation: operation, pathModel: pathModel, form: nil)
    }

    private static func parse(_ bytes: ByteBuffer, operation: GatewayOperation, pathModel: String?, form: MultipartForm?) throws(GatewayError) -> OperationRequest {
        var bytes = bytes
        var index = try Self.index(bytes)
        if operation.capability == .chat, operation.surface == .openAI, let normalised = try InputNormalisation.chat(bytes, index: index) {
            bytes = normalised
            index = try Self.index(bytes)
        }
        let body = bytes
        let indexed = index
        let parsed: Result<OperationRequest, GatewayError> = body.withUnsafeReadableBytes { raw in
            do {
                return .success(try OperationRequest(operation: operation, bytes: body, index: indexed, raw: raw, pathModel: pathModel, form: form))
            } catch let error as GatewayError {
                return .failure(error)
            } catch {
                return .failure(.invalidRequest("\(error)"))
            }
        }
        var request = try parsed.get()
        if operation.answer == .transcript {
            request.audio = try request.upload("file")
        }
        return request
    }

    /// Where the top-level members of a JSON object body lie; a 400 for anything else.
    private static func index(_ bytes: ByteBuffer) throws(GatewayError) -> JSONObjectIndex {
        let result: Result<JSONObjectIndex, GatewayError> = bytes.withUnsafeReadableBytes { raw in
            do throws(JSONSyntaxError) {
                return .success(try JSONScanner.indexObject(raw))
            } catch {
                return .failure(.malformedJSON(error))
            }
        }
        return try result.get()
    }

    private init(
        operation: GatewayOperation, bytes: ByteBuffer, index: JSONObjectIndex, raw: UnsafeRawBufferPointer, pathModel: String?, form: MultipartForm?
    ) throws(GatewayError) {
        switch operation.target {
        case .bodyField(let name):
            if let fallback = operation.defaultModel, index.member(name).map({ $0.kind == .null }) ?? true {
                self.model = fallback
                break
            }
            guard let member = index.member(name), member.kind != .null else {
                throw GatewayError(.invalidRequest, "Missing required parameter: '\(name)'.", param: name, code: "missing_required_parameter")
            }
            guard member.kind == .string, let model = index.string(name, in: raw), !model.isEmpty else {
                throw .invalidRequest("'\(name)' must be a non-empty string.", param: name)
            }
            self.model = model
        case .pathModel:
            guard let pathModel, !pathModel.isEmpty else {
                throw GatewayError(.invalidRequest, "The path names no model: expected models/{model}:{method}.", param: "model", code: "missing_required_parameter")
            }
            self.model = pathModel
        }
        self.plan = RoutePlan(
            model: model,
            models: try Self.modelList("models", index: index, raw: raw),
            requestFallbacks: try Self.modelList("fallbacks", index: index, raw: raw)
        )
        let required: [String]
        let nonEmptyArrays: [String]
        switch operation.body {
        case .json(let names, let arrays):
            (required, nonEmptyArrays) = (names, arrays)
        case .form where form != nil:
            (required, nonEmptyArrays) = ([], [])
        case .form(_, let jsonRequired?):
            (required, nonEmptyArrays) = (jsonRequired, [])
        case .form(_, nil):
            throw GatewayError(.invalidRequest, "\(operation.name) takes a multipart/form-data upload, as the OpenAI SDK sends it.", code: "invalid_content_type")
        }
        do {
            for name in required where index.member(name).map({ $0.kind == .null }) ?? true {
                throw GatewayError(.invalidRequest, "Missing required parameter: '\(name)'.", param: name, code: "missing_required_parameter")
            }
            for name in nonEmptyArrays {
                guard let member = index.member(name) else { continue }
                guard member.kind == .array else { throw .invalidRequest("'\(name)' must be an array.", param: name) }
                let inner = raw[(member.valueRange.lowerBound + 1)..<(member.valueRange.upperBound - 1)]
                if inner.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                    throw .invalidRequest("'\(name)' must contain at least one element.", param: name)
                }
            }
        }
        self.stream = try Self.stream(operation.streaming, operation: operation, index: index, raw: raw)
        var wantsUsage = false
        if let options = index.member("stream_options"), options.kind != .null {
            guard options.kind == .object else {
                throw .invalidRequest("'stream_options' must be an object.", param: "stream_options")
            }
            if let options = index.object("stream_options", in: raw) {
                wantsUsage = options.index.bool("include_usage", in: options.bytes) ?? false
            }
        }
        self.operation = operation
        self.form = form
        self.bytes = bytes
        self.index = index
        self.clientWantsStreamUsage = wantsUsage
        self.controls = try RequestControls(index: index, raw: raw)
    }

    private static func stream(_ streaming: GatewayOperation.Streaming, operation: GatewayOperation, index: JSONObjectIndex, raw: UnsafeRawBufferPointer) throws(GatewayError) -> Bool {
        switch streaming {
        case .always:
            return true
        case .never:
            guard let member = index.member("stream"), member.kind != .null, index.bool("stream", in: raw) == true else { return false }
            throw .invalidRequest("'stream' is not supported for \(operation.name).", param: "stream")
        case .bodyFlag(let name):
            guard let member = index.member(name), member.kind != .null else { return false }
            guard member.kind == .bool, let value = index.bool(name, in: raw) else {
                throw .invalidRequest("'\(name)' must be a boolean.", param: name)
            }
            return value
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
            if let text = item.stringValue ?? item["model"]?.stringValue, !text.isEmpty {
                names.append(text)
            } else {
                throw .invalidRequest("'\(name)' must be an array of model names.", param: name)
            }
        }
        return names
    }

    /// The most output tokens the client allows (`max_tokens`, `max_completion_tokens`,
    /// `generationConfig.maxOutputTokens`), for a virtual key's budget hold.
    public var maxOutputTokens: Int? {
        bytes.withUnsafeReadableBytes { raw in
            index.int("max_tokens", in: raw) ?? index.int("max_completion_tokens", in: raw)
                ?? index.object("generationConfig", in: raw).flatMap { $0.index.int("maxOutputTokens", in: $0.bytes) }
        }
    }

    /// Whether the body has a member (top level) with a non-null value.
    public func has(_ name: String) -> Bool {
        guard let member = index.member(name) else { return false }
        return member.kind != .null
    }

    /// The body to send a same-dialect upstream: the model swapped (when the body names it),
    /// gateway-only members and dropped parameters removed, and a usage request added to
    /// OpenAI-style streams when `requestStreamUsage`.
    public func upstreamBody(
        model upstreamModel: String,
        dropping dropped: Set<String> = [],
        requestStreamUsage: Bool = false,
        allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) -> ByteBuffer {
        var edit = JSONObjectEdit()
        if case .bodyField(let name) = operation.target, upstreamModel != model { edit.set(name, string: upstreamModel) }
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

    /// The body decoded as a typed request, for translation: gateway-only members and the
    /// request's `additional_drop_params` left out. A body that does not fit the type is a 400
    /// naming the field.
    public func decode<T: Decodable>(_ type: T.Type) throws(GatewayError) -> T {
        let body = upstreamBody(model: model, dropping: Set(controls.additionalDropParams))
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw GatewayError.invalidRequest(RequestDecodingError.describe(error), param: RequestDecodingError.path(error))
        } catch {
            throw GatewayError.invalidRequest("The request body does not match the \(operation.name) schema.")
        }
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
