import Foundation
import Testing

@testable import SwitchyardCore

/// The mock's Mistral OCR endpoint.
@Suite struct MockOCRTests {
    private static func pdf(pages: Int) -> String {
        var text = "%PDF-1.7\n1 0 obj << /Type /Pages /Count \(pages) >> endobj\n"
        for index in 0..<pages { text += "\(index + 2) 0 obj << /Type /Page /Parent 1 0 R >> endobj\n" }
        return "data:application/pdf;base64," + Data(text.utf8).base64EncodedString()
    }

    private static func request(_ document: String, extra: String = "") -> String {
        #"{"model":"mistral-ocr-latest","document":\#(document)\#(extra)}"#
    }

    @Test("a PDF data URL: one page per page object, usage, deterministic markdown", arguments: ["/v1/ocr", "/ocr"])
    func pdf(path: String) throws {
        let url = Self.pdf(pages: 3)
        let request = Self.request(#"{"type":"document_url","document_url":"\#(url)"}"#)
        let answer = MockMedia.post(path, json: request)
        #expect(answer.status == 200)
        let body = try MockMedia.object(answer)
        #expect(body["model"] as? String == "mistral-ocr-latest")
        #expect(body.keys.contains("document_annotation"))
        #expect(body["document_annotation"] is NSNull)
        let pages = try #require(body["pages"] as? [[String: Any]])
        #expect(pages.compactMap { $0["index"] as? Int } == [0, 1, 2])
        #expect(pages.allSatisfy { ($0["markdown"] as? String)?.isEmpty == false && ($0["images"] as? [Any])?.isEmpty == true })
        let dimensions = try #require(pages[0]["dimensions"] as? [String: Any])
        #expect(dimensions["dpi"] as? Int == 200)
        #expect(dimensions["width"] as? Int == 1700)
        #expect(dimensions["height"] as? Int == 2200)
        let usage = try #require(body["usage_info"] as? [String: Any])
        #expect(usage["pages_processed"] as? Int == 3)
        #expect(usage["doc_size_bytes"] as? Int == Data(base64Encoded: String(url.dropFirst("data:application/pdf;base64,".count)))?.count)
        #expect(MockMedia.bytes(MockMedia.post(path, json: request)) == MockMedia.bytes(answer))
        #expect(pages[0]["markdown"] as? String != pages[1]["markdown"] as? String)
    }

    @Test("pages picks pages; images and remote URLs are one page")
    func pagesAndImages() throws {
        let picked = try MockMedia.object(MockMedia.post("/v1/ocr", json: Self.request(#"{"type":"document_url","document_url":"\#(Self.pdf(pages: 5))"}"#, extra: #","pages":[1,3,9]"#)))
        #expect((picked["pages"] as? [[String: Any]])?.compactMap { $0["index"] as? Int } == [1, 3])
        #expect((picked["usage_info"] as? [String: Any])?["pages_processed"] as? Int == 2)
        let image = try MockMedia.object(MockMedia.post("/v1/ocr", json: Self.request(#"{"type":"image_url","image_url":"https://example.com/receipt.png"}"#)))
        #expect((image["pages"] as? [Any])?.count == 1)
        #expect((image["usage_info"] as? [String: Any])?["doc_size_bytes"] is NSNull)
    }

    @Test("errors in Mistral's shape, the failure marker too")
    func errors() throws {
        for request in [#"{"model":"m"}"#, #"{"document":{"type":"document_url","document_url":"x"}}"#, Self.request(#"{"type":"file","file_id":"f"}"#)] {
            let answer = MockMedia.post("/v1/ocr", json: request)
            #expect(answer.status == 400)
            let body = try MockMedia.object(answer)
            #expect(body["object"] as? String == "error")
            #expect(body["message"] is String)
        }
        let failed = MockMedia.post("/v1/ocr", json: Self.request(#"{"type":"document_url","document_url":"https://x/[[mock:status=502]]"}"#))
        #expect(failed.status == 502)
        #expect(try MockMedia.object(failed)["object"] as? String == "error")
    }
}
