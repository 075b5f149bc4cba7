import NIOCore
import Testing

@testable import SwitchyardCore

@Suite struct PDFPagesTests {
    private static func pdf(pages: Int) -> [UInt8] {
        var text = "%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        text += "2 0 obj\n<< /Type /Pages /Kids [] /Count \(pages) >>\nendobj\n"
        for index in 0..<pages {
            // Spacing varies as real writers vary it.
            let type = index % 2 == 0 ? "/Type /Page" : "/Type/Page"
            text += "\(index + 3) 0 obj\n<<\(type)/Parent 2 0 R /MediaBox [0 0 612 792]>>\nendobj\n"
        }
        text += "trailer\n<< /Root 1 0 R >>\n%%EOF\n"
        return Array(text.utf8)
    }

    @Test("page objects are counted, the page tree is not")
    func count() {
        #expect(PDFPages.count(in: Self.pdf(pages: 1)) == 1)
        #expect(PDFPages.count(in: Self.pdf(pages: 5)) == 5)
        #expect(PDFPages.count(in: ByteBuffer(bytes: Self.pdf(pages: 12))) == 12)
        #expect(PDFPages.count(in: Array("%PDF-1.4\n/Type /PageLabel /Type\n/Pages".utf8)) == 1)
    }

    @Test("a PDF without visible pages is one page; other bytes are no PDF")
    func edges() {
        #expect(PDFPages.count(in: Array("%PDF-1.5\n<< /Type /ObjStm >>".utf8)) == 1)
        #expect(PDFPages.count(in: Array("GIF89a".utf8)) == nil)
        #expect(PDFPages.count(in: [UInt8]()) == nil)
    }
}
