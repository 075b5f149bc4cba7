import Foundation
import Testing

@testable import SwitchyardCore

@Suite struct FileReferencesTests {
    static let png = InlineFile(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], filename: "chart.png")
    static let pdf = InlineFile(bytes: Array("%PDF-1.7\n%EOF".utf8), filename: "report.pdf")
    static let text = InlineFile(bytes: Array("plain notes".utf8), filename: "notes.txt")

    static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test func typesAreReadFromTheBytesBeforeTheName() {
        #expect(Self.png.mediaType == "image/png")
        #expect(Self.pdf.mediaType == "application/pdf")
        #expect(Self.text.mediaType == "text/plain")
        #expect(InlineFile(bytes: Array("%PDF-1.4".utf8), filename: "misnamed.png").mediaType == "application/pdf")
        #expect(InlineFile(bytes: [1, 2, 3], filename: "blob").mediaType == "application/octet-stream")
        #expect(Self.pdf.dataURL == "data:application/pdf;base64," + Data("%PDF-1.7\n%EOF".utf8).base64EncodedString())
    }

    @Test func theCheapTestFindsOnlyQuotedGatewayIDs() {
        func may(_ text: String) -> Bool { Array(text.utf8).withUnsafeBytes(FileReferences.mayReference) }
        #expect(may(#"{"file":{"file_id":"file-abc"}}"#))
        #expect(!may(#"{"file":{"file_id":"file_011CN"}}"#))
        #expect(!may(#"{"text":"a file-like thing"}"#))
        #expect(!may(""))
    }

    @Test func chatFilePartsBecomeFileDataAndImagesBecomeImageURLs() throws {
        let messages = try Self.json(#"""
            [{"role":"user","content":[{"type":"text","text":"read"},
              {"type":"file","file":{"file_id":"file-pdf"}},
              {"type":"file","file":{"file_id":"file-png"}},
              {"type":"file","file":{"file_id":"file-pdf"}}]}]
            """#)
        let references = FileReferences(.chat)
        #expect(references.ids(in: messages) == ["file-pdf", "file-png"])
        let inlined = try references.inlining(messages, files: ["file-pdf": Self.pdf, "file-png": Self.png])
        let parts = try #require(inlined.arrayValue?.first?["content"]?.arrayValue)
        #expect(parts[0] == .object(["type": "text", "text": "read"]))
        #expect(parts[1]["file"]?["file_data"]?.stringValue == Self.pdf.dataURL)
        #expect(parts[1]["file"]?["filename"]?.stringValue == "report.pdf")
        #expect(parts[1]["file"]?["file_id"] == nil)
        #expect(parts[2] == .object(["type": "image_url", "image_url": .object(["url": .string(Self.png.dataURL)])]))
        #expect(references.ids(in: inlined).isEmpty)
    }

    @Test func providerOwnIDsAreLeftForTheProvider() throws {
        let messages = try Self.json(#"[{"role":"user","content":[{"type":"file","file":{"file_id":"files/abc"}}]}]"#)
        #expect(FileReferences(.chat).ids(in: messages).isEmpty)
        let anthropic = try Self.json(#"[{"role":"user","content":[{"type":"document","source":{"type":"file","file_id":"file_011CNha8"}}]}]"#)
        #expect(FileReferences(.anthropic).ids(in: anthropic).isEmpty)
    }

    @Test func responsesInputFilesAndImages() throws {
        let input = try Self.json(#"""
            [{"role":"user","content":[{"type":"input_text","text":"compare"},
              {"type":"input_file","file_id":"file-pdf"},
              {"type":"input_image","file_id":"file-png","detail":"high"},
              {"type":"input_file","file_id":"file-png"}]}]
            """#)
        let references = FileReferences(.responses)
        let inlined = try references.inlining(input, files: ["file-pdf": Self.pdf, "file-png": Self.png])
        let parts = try #require(inlined.arrayValue?.first?["content"]?.arrayValue)
        #expect(parts[1] == .object(["type": "input_file", "file_data": .string(Self.pdf.dataURL), "filename": "report.pdf"]))
        #expect(parts[2] == .object(["type": "input_image", "image_url": .string(Self.png.dataURL), "detail": "high"]))
        #expect(parts[3] == .object(["type": "input_image", "image_url": .string(Self.png.dataURL), "detail": "auto"]))
        let pdfAsImage = try Self.json(#"[{"type":"input_image","file_id":"file-pdf"}]"#)
        #expect(throws: GatewayError.self) { try references.inlining(pdfAsImage, files: ["file-pdf": Self.pdf]) }
    }

    @Test func anthropicBlocksGetBase64OrTextSources() throws {
        let messages = try Self.json(#"""
            [{"role":"user","content":[
              {"type":"document","source":{"type":"file","file_id":"file-pdf"},"cache_control":{"type":"ephemeral"}},
              {"type":"image","source":{"type":"file","file_id":"file-png"}},
              {"type":"document","source":{"type":"file","file_id":"file-txt"},"title":"Notes"}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1",
              "content":[{"type":"image","source":{"type":"file","file_id":"file-png"}}]}]}]
            """#)
        let references = FileReferences(.anthropic)
        #expect(references.ids(in: messages) == ["file-pdf", "file-png", "file-txt"])
        let inlined = try references.inlining(messages, files: ["file-pdf": Self.pdf, "file-png": Self.png, "file-txt": Self.text])
        let blocks = try #require(inlined.arrayValue?.first?["content"]?.arrayValue)
        #expect(blocks[0]["source"] == .object(["type": "base64", "media_type": "application/pdf", "data": .string(Self.pdf.base64)]))
        #expect(blocks[0]["cache_control"] != nil)
        #expect(blocks[0]["title"]?.stringValue == "report.pdf")
        #expect(blocks[1]["source"]?["media_type"]?.stringValue == "image/png")
        #expect(blocks[2]["source"] == .object(["type": "text", "media_type": "text/plain", "data": "plain notes"]))
        #expect(blocks[2]["title"]?.stringValue == "Notes")
        let nested = inlined.arrayValue?.last?["content"]?.arrayValue?.first?["content"]?.arrayValue?.first
        #expect(nested?["source"]?["type"]?.stringValue == "base64")
        let pdfAsImage = try Self.json(#"[{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"file-pdf"}}]}]"#)
        #expect(throws: GatewayError.self) { try references.inlining(pdfAsImage, files: ["file-pdf": Self.pdf]) }
    }

    @Test func geminiFileDataBecomesInlineData() throws {
        let contents = try Self.json(#"""
            [{"role":"user","parts":[{"text":"describe"},{"fileData":{"fileUri":"file-png","mimeType":"image/png"}},
              {"file_data":{"file_uri":"file-pdf"}},{"fileData":{"fileUri":"https://generativelanguage.googleapis.com/v1beta/files/x"}}]}]
            """#)
        let references = FileReferences(.gemini)
        #expect(references.ids(in: contents) == ["file-png", "file-pdf"])
        let parts = try #require(try references.inlining(contents, files: ["file-png": Self.png, "file-pdf": Self.pdf]).arrayValue?.first?["parts"]?.arrayValue)
        #expect(parts[1] == .object(["inlineData": .object(["mimeType": "image/png", "data": .string(Self.png.base64)])]))
        #expect(parts[2] == .object(["inline_data": .object(["mime_type": "application/pdf", "data": .string(Self.pdf.base64)])]))
        #expect(parts[3]["fileData"] != nil)
    }
}
