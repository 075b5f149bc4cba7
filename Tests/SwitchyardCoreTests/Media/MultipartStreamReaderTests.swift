import NIOCore
import Testing

@testable import SwitchyardCore

/// The streaming `multipart/form-data` reader: fed a body in chunks of every size down to one
/// byte, it finds what the whole-body parser finds, holding back at most a delimiter's length.
@Suite struct MultipartStreamReaderTests {
    private static let boundary = "----sy-stream-7"

    /// Content whose bytes look like delimiters, CRLFs and dashes but are not.
    private static let trickyFile: [UInt8] =
        Array("\r\n--\(boundary)X\r\n".utf8) + [0, 255, 13, 10, 13, 10] + Array("\r\n--\(boundary) tail\r\n--\(boundary)-".utf8) + [13, 13, 10, 45]

    private static func sample(preamble: Bool = true) -> ByteBuffer {
        var buffer = ByteBuffer()
        if preamble { buffer.writeString("preamble to ignore\r\n") }
        buffer.writeString("--\(boundary)\r\n")
        buffer.writeString("Content-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch")
        buffer.writeString("\r\n--\(boundary) \t\r\n")
        buffer.writeString("Content-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n")
        buffer.writeBytes(trickyFile)
        buffer.writeString("\r\n--\(boundary)\r\n")
        buffer.writeString("Content-Disposition: form-data; name=\"empty\"\r\n\r\n")
        buffer.writeString("\r\n--\(boundary)--\r\nepilogue --\(boundary)\r\n")
        return buffer
    }

    /// One part as the events told it.
    private struct Part: Equatable {
        var headers: MultipartPartHeaders
        var content: [UInt8] = []
    }

    /// Feeds `body` in chunks of `size` bytes and collects the parts; throws what the reader throws.
    private static func read(_ body: ByteBuffer, chunk size: Int) throws -> [Part] {
        var reader = MultipartStreamReader(boundary: boundary)
        var parts: [Part] = []
        var open = false
        var rest = body
        func drain() throws {
            while let event = try reader.next() {
                switch event {
                case .part(let headers):
                    #expect(!open)
                    parts.append(Part(headers: headers))
                    open = true
                case .content(let bytes):
                    #expect(open)
                    parts[parts.count - 1].content += Array(bytes.readableBytesView)
                case .partEnd:
                    #expect(open)
                    open = false
                case .end:
                    #expect(!open)
                }
            }
        }
        while let chunk = rest.readSlice(length: min(size, rest.readableBytes)), chunk.readableBytes > 0 {
            reader.append(chunk)
            try drain()
        }
        try drain()
        try reader.finish()
        return parts
    }

    @Test("every chunk size finds the parts the whole-body parser finds", arguments: [false, true])
    func everyChunkSize(preamble: Bool) throws {
        let body = Self.sample(preamble: preamble)
        let whole = try MultipartForm(parsing: body, contentType: "multipart/form-data; boundary=\(Self.boundary)")
        let expected = whole.parts.map { Part(headers: MultipartPartHeaders(name: $0.name, filename: $0.filename, contentType: $0.contentType), content: Array($0.body.readableBytesView)) }
        #expect(expected.map(\.headers.name) == ["purpose", "file", "empty"])
        #expect(expected[1].content == Self.trickyFile)
        for size in 1...body.readableBytes {
            let parts = try Self.read(body, chunk: size)
            #expect(parts == expected, "chunk size \(size)")
        }
    }

    @Test("file content is handed on as it arrives, holding back less than a delimiter")
    func contentIsNotHeld() throws {
        var body = ByteBuffer()
        body.writeString("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\n")
        let content = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        body.writeBytes(content)
        body.writeString("\r\n--\(Self.boundary)--")
        var reader = MultipartStreamReader(boundary: Self.boundary)
        var handedOut = 0
        var rest = body
        let delimiterLength = "\r\n--\(Self.boundary)".utf8.count
        var inFile = false
        var fed = 0
        var headerBytes = 0
        while let chunk = rest.readSlice(length: min(4096, rest.readableBytes)), chunk.readableBytes > 0 {
            reader.append(chunk)
            fed += chunk.readableBytes
            while let event = try reader.next() {
                if case .part = event {
                    inFile = true
                    headerBytes = body.readableBytes - content.count - "\r\n--\(Self.boundary)--".utf8.count
                }
                if case .content(let bytes) = event { handedOut += bytes.readableBytes }
            }
            if inFile, fed - headerBytes <= content.count {
                #expect(fed - headerBytes - handedOut < delimiterLength)
            }
        }
        try reader.finish()
        #expect(handedOut == content.count)
    }

    @Test("the reader's buffer stays about a chunk long, however long the file")
    func memoryStaysFlat() throws {
        var reader = MultipartStreamReader(boundary: Self.boundary)
        reader.append(ByteBuffer(string: "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\n"))
        let chunk = ByteBuffer(repeating: 0x5A, count: 65_536)
        var handedOut = 0
        var largest = 0
        for _ in 0..<320 {  // 20 MiB
            reader.append(chunk)
            while let event = try reader.next() {
                if case .content(let bytes) = event { handedOut += bytes.readableBytes }
            }
            largest = max(largest, reader.heldCapacity)
        }
        #expect(handedOut > 20_000_000)
        #expect(largest < 512 * 1024, "the reader held \(largest) bytes")
    }

    @Test("a delimiter look-alike in the preamble is skipped")
    func preambleLookAlike() throws {
        var body = ByteBuffer(string: "intro\r\n--\(Self.boundary)X not this one\r\n")
        var sample = Self.sample(preamble: false)
        body.writeBuffer(&sample)
        #expect(try Self.read(body, chunk: 7).map(\.headers.name) == ["purpose", "file", "empty"])
    }

    @Test("a body without its closing delimiter is refused at its end")
    func missingClose() throws {
        var reader = MultipartStreamReader(boundary: "b")
        reader.append(ByteBuffer(string: "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\nabc"))
        while try reader.next() != nil {}
        #expect(throws: GatewayError.self) { try reader.finish() }
        var empty = MultipartStreamReader(boundary: "b")
        empty.append(ByteBuffer(string: "no delimiter here at all"))
        while try empty.next() != nil {}
        #expect(throws: GatewayError.self) { try empty.finish() }
    }

    @Test("a part without Content-Disposition, or with endless headers, is a 400")
    func badHeaders() throws {
        var reader = MultipartStreamReader(boundary: "b")
        reader.append(ByteBuffer(string: "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--"))
        #expect(throws: GatewayError.self) { while try reader.next() != nil {} }
        var endless = MultipartStreamReader(boundary: "b")
        endless.append(ByteBuffer(string: "--b\r\nX-Filler: " + String(repeating: "a", count: MultipartStreamReader.maxHeaderBytes + 10)))
        let error = #expect(throws: GatewayError.self) { while try endless.next() != nil {} }
        #expect(error?.status == 400)
    }

    @Test("the boundary comes from the Content-Type; none there is no reader")
    func fromContentType() {
        #expect(MultipartStreamReader(contentType: "multipart/form-data; boundary=\"q:1\"") != nil)
        #expect(MultipartStreamReader(contentType: "multipart/form-data") == nil)
        #expect(MultipartStreamReader(contentType: "application/json") == nil)
    }
}
