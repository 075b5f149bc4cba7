import Foundation

/// Mistral's OCR (`/v1/ocr`).
///
/// `document` is `{type: document_url, document_url}` or `{type: image_url, image_url}` (a
/// string or `{url}`). A `data:application/pdf;base64,` document has `PDFPages.count` pages;
/// anything else (an image, or a URL the mock cannot fetch) has one. `pages` (0-based indices)
/// picks some of them. Each page's markdown is mock words seeded by FNV-1a of the document
/// (its decoded bytes, else its URL) and the page index; pages measure 1700x2200 at 200 dpi.
enum MockOCR {
    static func answer(_ request: MockMediaRequest) throws(GatewayError) -> MockProviderHandler.Answer {
        let model = try request.requiredString("model")
        guard let document = request["document"]?.objectValue else {
            throw GatewayError.invalidRequest("Missing required parameter: 'document'.", param: "document")
        }
        let url: String
        switch document["type"]?.stringValue {
        case "document_url": url = document["document_url"]?.stringValue ?? ""
        case "image_url": url = document["image_url"]?.stringValue ?? document["image_url"]?["url"]?.stringValue ?? ""
        default: throw GatewayError.invalidRequest("document.type must be 'document_url' or 'image_url'.", param: "document")
        }
        guard !url.isEmpty else { throw GatewayError.invalidRequest("The document has no URL.", param: "document") }

        var bytes: [UInt8]?
        if let data = DataURL(url) {
            guard let decoded = Data(base64Encoded: data.base64) else {
                throw GatewayError.invalidRequest("The document's data URL is not valid base64.", param: "document")
            }
            bytes = Array(decoded)
        }
        let pageCount = bytes.flatMap { DataURL(url)?.mediaType == "application/pdf" ? PDFPages.count(in: $0) : nil } ?? 1
        var indices = Array(0..<pageCount)
        if case .array(let requested) = request["pages"] {
            let wanted = Set(requested.compactMap(\.intValue))
            indices = indices.filter { wanted.contains($0) }
        }
        let seed = bytes.map { MockModel.Hashing.fnv1a(bytes: $0) } ?? MockModel.Hashing.fnv1a(url)
        let pages: [JSONValue] = indices.map { index in
            let words = MockModel.Transcript.words(seconds: 10, seed: seed ^ UInt64(index) &* 0x9e37_79b9_7f4a_7c15)
            return [
                "index": .number(Double(index)),
                "markdown": .string("# Page \(index + 1)\n\n" + MockModel.Transcript.sentence(words)),
                "images": [],
                "dimensions": ["dpi": 200, "height": 2200, "width": 1700],
            ]
        }
        let body: JSONValue = [
            "pages": .array(pages),
            "model": .string(model),
            "usage_info": [
                "pages_processed": .number(Double(pages.count)),
                "doc_size_bytes": bytes.map { .number(Double($0.count)) } ?? .null,
            ],
            "document_annotation": nil,
        ]
        return MockProviderHandler.json(body)
    }
}
