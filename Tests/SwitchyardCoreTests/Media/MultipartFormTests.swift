import NIOCore
import Testing

@testable import SwitchyardCore

/// Parsing `multipart/form-data`, its helpers, and the byte-preserving rewrite.
@Suite struct MultipartFormTests {
    private static let boundary = "----sy-boundary-42"
    private static let contentType = "multipart/form-data; boundary=\(boundary)"

    /// A file whose bytes look like CRLFs and delimiters but are not.
    private static let trickyFile: [UInt8] =
        Array("\r\n--\(boundary)X\r\n".utf8) + [0, 255, 13, 10, 13, 10] + Array("\r\n--\(boundary) tail\r\n--".utf8) + [13]

    private static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    private static func sample() -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeString("preamble to ignore\r\n")
        buffer.writeString("--\(boundary)\r\n")
        buffer.writeString("Content-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1")
        buffer.writeString("\r\n--\(boundary)  \r\n")
        buffer.writeString("content-disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".wav\"\r\nContent-Type: audio/wav\r\n\r\n")
        buffer.writeBytes(trickyFile)
        buffer.writeString("\r\n--\(boundary)\r\n")
        buffer.writeString("Content-Disposition: form-data; name=\"timestamp_granularities[]\"\r\n\r\nword")
        buffer.writeString("\r\n--\(boundary)\r\n")
        buffer.writeString("Content-Disposition: form-data; name=\"timestamp_granularities[]\"\r\n\r\nsegment")
        buffer.writeString("\r\n--\(boundary)--\r\nepilogue")
        return buffer
    }

    @Test("parts, names, filenames, content types and bodies")
    func parsesParts() throws {
        let form = try MultipartForm(parsing: Self.sample(), contentType: Self.contentType)
        #expect(form.boundary == Self.boundary)
        #expect(form.parts.map(\.name) == ["model", "file", "timestamp_granularities[]", "timestamp_granularities[]"])
        #expect(form.value("model") == "whisper-1")
        #expect(form.value("file") == nil)
        #expect(form.values("timestamp_granularities") == ["word", "segment"])
        let file = try #require(form.files("file").first)
        #expect(file.filename == "a \"b\".wav")
        #expect(file.contentType == "audio/wav")
        #expect(Array(file.body.readableBytesView) == Self.trickyFile)
        // The range covers the part's headers and content in the original body.
        let source = Self.sample()
        let whole = Array(source.readableBytesView[file.range.lowerBound..<file.range.upperBound])
        #expect(whole.starts(with: Array("content-disposition".utf8)))
        #expect(whole.suffix(Self.trickyFile.count) == Self.trickyFile[...])
    }

    @Test("quoted boundaries and a body that opens with its delimiter")
    func quotedBoundary() throws {
        let text = "--a:b\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--a:b--"
        let form = try MultipartForm(parsing: Self.body(text), contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a:b\"")
        #expect(form.value("x") == "1")
    }

    @Test("files match name, name[] and name[N]; values match name and name[]")
    func arrayNames() throws {
        var writer = MultipartWriter(boundary: "b")
        writer.addFile(name: "image", filename: "1.png", contentType: "image/png", bytes: [1])
        writer.addFile(name: "image[]", filename: "2.png", contentType: "image/png", bytes: [2])
        writer.addFile(name: "image[3]", filename: "3.png", contentType: "image/png", bytes: [3])
        writer.addFile(name: "images", filename: "4.png", contentType: "image/png", bytes: [4])
        writer.addFile(name: "image[x]", filename: "5.png", contentType: "image/png", bytes: [5])
        let form = try MultipartForm(parsing: writer.finish(), contentType: writer.contentType)
        #expect(form.files("image").map(\.filename) == ["1.png", "2.png", "3.png"])
    }

    @Test("RFC 5987 filename* wins over filename")
    func extendedFilename() throws {
        let text = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"naive.txt\"; filename*=UTF-8''na%C3%AFve.txt\r\n\r\nx\r\n--b--\r\n"
        let form = try MultipartForm(parsing: Self.body(text), contentType: "multipart/form-data; boundary=b")
        #expect(form.parts.first?.filename == "naïve.txt")
    }

    @Test("empty fields and an empty file part")
    func emptyParts() throws {
        let text = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n\r\n\r\n--b--"
        let form = try MultipartForm(parsing: Self.body(text), contentType: "multipart/form-data; boundary=b")
        #expect(form.value("a") == "")
        #expect(form.files("f").first?.body.readableBytes == 0)
        #expect(form.files("f").first?.filename == "")
    }

    @Test("malformed bodies are invalid requests", arguments: [
        ("multipart/form-data", "--b\r\n\r\n--b--"),
        ("application/json; boundary=b", "--b--"),
        ("multipart/form-data; boundary=b", "no delimiter here"),
        ("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue without close"),
        ("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--bX"),
        ("multipart/form-data; boundary=b", "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--"),
        ("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; filename=\"f\"\r\n\r\nx\r\n--b--"),
        ("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\nno blank line\r\n--b--"),
    ])
    func malformed(contentType: String, text: String) {
        #expect(throws: GatewayError.self) {
            try MultipartForm(parsing: Self.body(text), contentType: contentType)
        }
        do {
            _ = try MultipartForm(parsing: Self.body(text), contentType: contentType)
        } catch {
            #expect(error.kind == .invalidRequest)
            #expect(error.message.contains("multipart"))
        }
    }

    @Test("an untouched rewrite is byte-identical, tricky file bytes included")
    func identityRewrite() throws {
        let source = Self.sample()
        let form = try MultipartForm(parsing: source, contentType: Self.contentType)
        #expect(form.rewritten(setting: [:], removing: []) == source)
        // Setting a field to the value it already has changes nothing either.
        #expect(form.rewritten(setting: ["model": "whisper-1"], removing: []) == source)
    }

    @Test("a rewrite swaps a field, drops parts and appends absent fields")
    func rewrite() throws {
        let source = Self.sample()
        let form = try MultipartForm(parsing: source, contentType: Self.contentType)
        let rewritten = form.rewritten(setting: ["model": "upstream/whisper-large", "language": "de"], removing: ["timestamp_granularities[]"])
        let again = try MultipartForm(parsing: rewritten, contentType: Self.contentType)
        #expect(again.parts.map(\.name) == ["model", "file", "language"])
        #expect(again.value("model") == "upstream/whisper-large")
        #expect(again.value("language") == "de")
        #expect(Array(try #require(again.files("file").first).body.readableBytesView) == Self.trickyFile)
        let text = String(buffer: rewritten)
        #expect(text.hasPrefix("preamble to ignore\r\n--\(Self.boundary)\r\n"))
        #expect(text.hasSuffix("\r\n--\(Self.boundary)--\r\nepilogue"))
        // The file part's bytes, headers included, are exactly as sent.
        let file = try #require(form.files("file").first)
        let original = Array(source.readableBytesView[file.range.lowerBound..<file.range.upperBound])
        #expect(Array(rewritten.readableBytesView).firstRange(of: original) != nil)
    }

    @Test("removing the first part keeps the body valid")
    func removeFirst() throws {
        let form = try MultipartForm(parsing: Self.sample(), contentType: Self.contentType)
        let rewritten = form.rewritten(setting: [:], removing: ["model"])
        let again = try MultipartForm(parsing: rewritten, contentType: Self.contentType)
        #expect(again.parts.map(\.name) == ["file", "timestamp_granularities[]", "timestamp_granularities[]"])
        let everything = form.rewritten(setting: [:], removing: ["model", "file", "timestamp_granularities[]"])
        #expect(try MultipartForm(parsing: everything, contentType: Self.contentType).parts.isEmpty)
    }

    @Test("MultipartWriter round-trips fields and two images")
    func writerRoundTrip() throws {
        let first = PNGImage.solid(width: 2, height: 2, red: 255, green: 0, blue: 0)
        let second = Self.trickyFile
        var writer = MultipartWriter()
        #expect(writer.contentType == "multipart/form-data; boundary=\(writer.boundary)")
        writer.addField(name: "model", value: "gpt-image-1")
        writer.addField(name: "prompt", value: "two \"quoted\" lines\r\nhere")
        writer.addFile(name: "image[]", filename: "one.png", contentType: "image/png", bytes: first)
        writer.addFile(name: "image[]", filename: "two.bin", contentType: "application/octet-stream", bytes: second)
        let body = writer.finish()
        let form = try MultipartForm(parsing: body, contentType: writer.contentType)
        #expect(form.value("model") == "gpt-image-1")
        #expect(form.value("prompt") == "two \"quoted\" lines\r\nhere")
        let images = form.files("image")
        #expect(images.map(\.filename) == ["one.png", "two.bin"])
        #expect(images.map(\.contentType) == ["image/png", "application/octet-stream"])
        #expect(images.map { Array($0.body.readableBytesView) } == [first, second])
        #expect(form.rewritten(setting: [:], removing: []) == body)
    }

    @Test("random boundaries differ; an empty writer is a valid empty form")
    func emptyWriter() throws {
        #expect(MultipartWriter().boundary != MultipartWriter().boundary)
        let writer = MultipartWriter(boundary: "z")
        let form = try MultipartForm(parsing: writer.finish(), contentType: writer.contentType)
        #expect(form.parts.isEmpty)
        let added = form.rewritten(setting: ["model": "m"], removing: [])
        #expect(try MultipartForm(parsing: added, contentType: writer.contentType).value("model") == "m")
    }
}
