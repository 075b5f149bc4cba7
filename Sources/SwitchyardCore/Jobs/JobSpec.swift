import NIOCore

/// What a client asked a job to make, read from its request: the prompt, the length, the size,
/// and an optional reference image.
public struct JobSpec: Sendable {
    public var kind: MediaJob.Kind
    public var prompt: String
    public var seconds: Int
    /// `720x1280`…; nil for music.
    public var size: String?
    /// An image that guides the video (`input_reference`), as uploaded.
    public var inputReference: Upload?

    /// OpenAI's defaults: 4 seconds at 720x1280; music runs 30 seconds unless asked otherwise.
    public static let defaultVideoSeconds = 4
    public static let defaultVideoSize = "720x1280"
    public static let defaultMusicSeconds = 30

    public init(kind: MediaJob.Kind, prompt: String, seconds: Int, size: String? = nil, inputReference: Upload? = nil) {
        self.kind = kind
        self.prompt = prompt
        self.seconds = seconds
        self.size = size
        self.inputReference = inputReference
    }
}

extension OperationRequest {
    /// The job this request asks for: `seconds` as a string ("8", as the OpenAI SDK sends it)
    /// or a number, music's `duration` too; a 400 naming the field when it is not a whole
    /// number of seconds from 1 to 600, or the size is not `WIDTHxHEIGHT`.
    public func jobSpec(kind: MediaJob.Kind) throws(GatewayError) -> JobSpec {
        let prompt = field("prompt") ?? ""
        guard !prompt.isEmpty else {
            throw GatewayError(.invalidRequest, "Missing required parameter: 'prompt'.", param: "prompt", code: "missing_required_parameter")
        }
        let name = kind == .music && !has("seconds") ? "duration" : "seconds"
        var seconds = kind == .video ? JobSpec.defaultVideoSeconds : JobSpec.defaultMusicSeconds
        if has(name) {
            let text = field(name) ?? bytes.withUnsafeReadableBytes { raw in index.member(name).map { String(decoding: raw[$0.valueRange], as: UTF8.self) } }
            guard let text, let value = Double(text), value.rounded() == value, (1...600).contains(value) else {
                throw GatewayError.invalidRequest("'\(name)' must be a whole number of seconds from 1 to 600 (as a string or a number).", param: name)
            }
            seconds = Int(value)
        }
        var size: String?
        if kind == .video {
            size = field("size") ?? JobSpec.defaultVideoSize
            guard let size, ImageSize(size)?.pixelCount != nil else {
                throw GatewayError.invalidRequest("'size' must be WIDTHxHEIGHT, such as 720x1280.", param: "size")
            }
        }
        return JobSpec(kind: kind, prompt: prompt, seconds: seconds, size: size, inputReference: try upload("input_reference"))
    }
}
