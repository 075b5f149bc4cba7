import Foundation
import NIOCore

/// A file a request carries: a multipart file part, or base64 (or a `data:` URL) in JSON.
public struct Upload: Sendable {
    public var bytes: ByteBuffer
    public var filename: String?
    public var contentType: String?

    public init(bytes: ByteBuffer, filename: String?, contentType: String?) {
        self.bytes = bytes
        self.filename = filename
        self.contentType = contentType
    }
}

extension Upload {
    /// The audio type the bytes' signature names, for uploads that came without one.
    public static func sniffedMediaType(_ bytes: ByteBuffer) -> String? {
        let head = Array(bytes.readableBytesView.prefix(12))
        func starts(_ text: String, at offset: Int = 0) -> Bool {
            let magic = Array(text.utf8)
            return head.count >= offset + magic.count && Array(head[offset..<(offset + magic.count)]) == magic
        }
        if starts("RIFF") && starts("WAVE", at: 8) { return "audio/wav" }
        if starts("ID3") || (head.count >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0) { return "audio/mpeg" }
        if starts("OggS") { return "audio/ogg" }
        if starts("fLaC") { return "audio/flac" }
        if head.starts(with: [0x1A, 0x45, 0xDF, 0xA3]) { return "audio/webm" }
        if starts("ftyp", at: 4) { return "audio/mp4" }
        return nil
    }
}

extension OperationRequest {
    /// The file the request uploads as `name`: the form's file part, or the JSON member as
    /// base64 or a `data:` URL (with the JSON's `filename` when given).
    /// - Throws: a 400 naming the field when the JSON member is not base64.
    public func upload(_ name: String) throws(GatewayError) -> Upload? {
        if let form {
            guard let part = form.files(name).first else { return nil }
            return Upload(bytes: part.body, filename: part.filename, contentType: part.contentType)
        }
        guard let text = field(name) else { return nil }
        let dataURL = DataURL(text)
        guard let data = Data(base64Encoded: dataURL?.base64 ?? text, options: .ignoreUnknownCharacters), !data.isEmpty else {
            throw GatewayError.invalidRequest("'\(name)' must be the file as base64 or a data: URL.", param: name)
        }
        let contentType = dataURL?.mediaType
        let bytes = ByteBuffer(bytes: data)
        return Upload(bytes: bytes, filename: field("filename"), contentType: contentType ?? Upload.sniffedMediaType(bytes))
    }

    /// The request as a multipart upload for an upstream that takes only forms (OpenAI's
    /// transcription API): every JSON member a field (arrays as repeated `name[]` fields),
    /// `file` the decoded audio, gateway-only members and `dropped` left out.
    public func multipartBody(model upstreamModel: String, dropping dropped: Set<String>) throws(GatewayError) -> (body: ByteBuffer, contentType: String) {
        let name = "file"
        guard let upload = audio else {
            throw GatewayError(.invalidRequest, "Missing required parameter: '\(name)'.", param: name, code: "missing_required_parameter")
        }
        var writer = MultipartWriter()
        bytes.withUnsafeReadableBytes { raw in
            for member in index.members where member.key != name && member.key != "filename" && member.kind != .null {
                guard !Self.gatewayOnlyMembers.contains(member.key), !dropped.contains(member.key) else { continue }
                let value = UnsafeRawBufferPointer(rebasing: raw[member.valueRange])
                switch member.kind {
                case .string:
                    let text = member.key == "model" ? upstreamModel : (JSONStringDecoding.decode(value) ?? "")
                    writer.addField(name: member.key, value: text)
                case .array:
                    for element in (try? JSONScanner.indexArray(value)) ?? [] {
                        let item = UnsafeRawBufferPointer(rebasing: value[element.range])
                        let text = element.kind == .string ? JSONStringDecoding.decode(item) ?? "" : String(decoding: item, as: UTF8.self)
                        writer.addField(name: "\(member.key)[]", value: text)
                    }
                default:
                    writer.addField(name: member.key, value: String(decoding: value, as: UTF8.self))
                }
            }
        }
        let filename = upload.filename ?? "audio" + Self.fileExtension(forMediaType: upload.contentType)
        writer.addFile(name: name, filename: filename, contentType: upload.contentType ?? "application/octet-stream", bytes: upload.bytes.readableBytesView)
        return (writer.finish(), writer.contentType)
    }

    private static func fileExtension(forMediaType type: String?) -> String {
        switch type?.lowercased() {
        case "audio/wav", "audio/x-wav", "audio/wave": ".wav"
        case "audio/mpeg", "audio/mp3": ".mp3"
        case "audio/ogg": ".ogg"
        case "audio/flac": ".flac"
        case "audio/webm": ".webm"
        case "audio/mp4", "audio/m4a", "audio/x-m4a": ".m4a"
        default: ".wav"
        }
    }
}
