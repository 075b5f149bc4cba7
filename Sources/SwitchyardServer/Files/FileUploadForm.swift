import Hummingbird
import NIOCore
import SwitchyardCore

/// A `POST /v1/files` body read as it arrives: the small fields are collected (up to
/// `maxFieldBytes` in all), and the `file` part's bytes are handed on as they come, never
/// held whole. Used by one task: the upload that reads it.
final class FileUploadForm {
    /// The most the form's fields besides `file` may hold together.
    static let maxFieldBytes = 16 * 1024

    private var body: RequestBody.AsyncIterator
    private var reader: MultipartStreamReader
    private var bodyEnded = false
    private(set) var fields = FileUploadFields()
    /// The headers of the `file` part, once it began.
    private(set) var file: MultipartPartHeaders?
    private var fieldBytes = 0

    init(body: RequestBody, reader: MultipartStreamReader) {
        self.body = body.makeAsyncIterator()
        self.reader = reader
    }

    /// Reads up to the start of the `file` part, collecting the fields before it; answers
    /// the part's headers, or nil when the form has no `file` part.
    func readToFile() async throws -> MultipartPartHeaders? {
        while let event = try await nextEvent() {
            switch event {
            case .part(let headers) where headers.name == "file":
                file = headers
                return headers
            case .part(let headers):
                try await readField(headers.name)
            case .content, .partEnd, .end:
                continue
            }
        }
        return nil
    }

    /// The `file` part's content, read from the body as the sequence is iterated; it ends
    /// where the part ends.
    var fileContents: FilePartContents { FilePartContents(form: self) }

    /// Reads the rest of the form after the file: fields may follow it. A second `file` part
    /// is a 400.
    func readRest() async throws {
        while let event = try await nextEvent() {
            switch event {
            case .part(let headers) where headers.name == "file":
                throw GatewayError(.invalidRequest, "The form holds more than one 'file' part; upload one file per request.", param: "file", code: "invalid_request")
            case .part(let headers):
                try await readField(headers.name)
            case .content, .partEnd, .end:
                continue
            }
        }
    }

    /// The next bytes of the `file` part; nil at its end.
    fileprivate func nextFileBytes() async throws -> ByteBuffer? {
        guard let event = try await nextEvent() else {
            throw GatewayError.invalidRequest("The multipart/form-data body ended inside its 'file' part.")
        }
        switch event {
        case .content(let bytes): return bytes
        case .partEnd: return nil
        case .part, .end: throw GatewayError.invalidRequest("The multipart/form-data body is malformed inside its 'file' part.")
        }
    }

    /// Reads one field's content: kept when the upload reads it, dropped otherwise.
    private func readField(_ name: String) async throws {
        let kept = FileUploadFields.names.contains(name)
        var value = ByteBuffer()
        while let event = try await nextEvent() {
            switch event {
            case .content(var bytes):
                guard kept else { continue }
                fieldBytes += bytes.readableBytes
                guard fieldBytes <= Self.maxFieldBytes else {
                    throw GatewayError(.invalidRequest, "The form's fields besides 'file' hold more than \(Self.maxFieldBytes) bytes.", param: name, code: "invalid_request")
                }
                value.writeBuffer(&bytes)
            case .partEnd:
                if kept { fields.set(name, String(buffer: value)) }
                return
            case .part, .end:
                throw GatewayError.invalidRequest("The multipart/form-data body is malformed in its '\(name)' part.")
            }
        }
    }

    /// The next event of the form, reading more of the body as needed; nil once the form has
    /// ended (a body that ends before its closing delimiter is a 400).
    private func nextEvent() async throws -> MultipartStreamReader.Event? {
        while true {
            if let event = try reader.next() { return event }
            if bodyEnded {
                try reader.finish()
                return nil
            }
            if let chunk = try await body.next() {
                reader.append(chunk)
            } else {
                bodyEnded = true
            }
        }
    }
}

/// The bytes of a form's `file` part, pulled from the request body as they are iterated.
struct FilePartContents: AsyncSequence {
    typealias Element = ByteBuffer
    let form: FileUploadForm

    struct AsyncIterator: AsyncIteratorProtocol {
        let form: FileUploadForm
        var ended = false

        mutating func next() async throws -> ByteBuffer? {
            guard !ended else { return nil }
            guard let bytes = try await form.nextFileBytes() else {
                ended = true
                return nil
            }
            return bytes
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(form: form) }
}
