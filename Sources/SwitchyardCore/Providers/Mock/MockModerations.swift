/// OpenAI's moderation endpoint (`/moderations`).
///
/// `input` is a string (one result), an array of strings (one result each), or an array of
/// multimodal parts (`text`, `image_url`; one result for them all). A category is flagged when
/// the text holds one of its trigger words (case-insensitive, whole words): violence `kill`,
/// `murder`, `attack`; hate `hate`; harassment `harass`, `bully`; self-harm `suicide`,
/// `self-harm`; illicit `steal`, `smuggle`. A flagged category scores 0.9 and up, any other
/// below 0.01; both derive from FNV-1a of the text and category, so they never change.
enum MockModerations {
    /// OpenAI's thirteen categories, with whether omni-moderation also applies each to images.
    static let categories: [(name: String, images: Bool)] = [
        ("harassment", false), ("harassment/threatening", false), ("hate", false), ("hate/threatening", false),
        ("illicit", false), ("illicit/violent", false), ("self-harm", true), ("self-harm/intent", true),
        ("self-harm/instructions", true), ("sexual", true), ("sexual/minors", false), ("violence", true),
        ("violence/graphic", true),
    ]

    static let triggers: [String: String] = [
        "kill": "violence", "murder": "violence", "attack": "violence", "hate": "hate", "harass": "harassment",
        "bully": "harassment", "suicide": "self-harm", "self-harm": "self-harm", "steal": "illicit", "smuggle": "illicit",
    ]

    static func answer(_ request: MockMediaRequest) throws(GatewayError) -> MockProviderHandler.Answer {
        let inputs: [(text: String, hasImage: Bool)]
        switch request["input"] {
        case .string(let text): inputs = [(text, false)]
        case .array(let items) where !items.isEmpty && items.allSatisfy({ $0.stringValue != nil }):
            inputs = items.map { ($0.stringValue ?? "", false) }
        case .array(let items) where !items.isEmpty && items.allSatisfy({ $0.objectValue != nil }):
            var texts: [String] = []
            var hasImage = false
            for item in items {
                switch item["type"]?.stringValue {
                case "text": texts.append(item["text"]?.stringValue ?? "")
                case "image_url": hasImage = true
                default: throw GatewayError.invalidRequest("Invalid input part type: \(item["type"]?.stringValue ?? "none").", param: "input")
                }
            }
            inputs = [(texts.joined(separator: " "), hasImage)]
        default:
            throw GatewayError.invalidRequest("Missing or invalid required parameter: 'input'.", param: "input")
        }
        let model = try request.string("model") ?? "omni-moderation-latest"
        let results = inputs.map { result(text: $0.text, hasImage: $0.hasImage, hasText: !$0.text.isEmpty || !$0.hasImage) }
        let id = "modr-" + MockModel.Hashing.hex(MockModel.Hashing.fnv1a(bytes: request.body.readableBytesView))
        return MockProviderHandler.json(["id": .string(id), "model": .string(model), "results": .array(results)] as JSONValue)
    }

    static func result(text: String, hasImage: Bool, hasText: Bool) -> JSONValue {
        let words = Set(text.lowercased().split { !($0.isLetter || $0 == "-") }.map(String.init))
        let triggered = Set(words.compactMap { triggers[$0] })
        var flags: [String: JSONValue] = [:]
        var scores: [String: JSONValue] = [:]
        var applied: [String: JSONValue] = [:]
        for category in categories {
            let hit = triggered.contains(category.name)
            var state = MockModel.Hashing.fnv1a(category.name + "\u{0}" + text)
            let fraction = Double(MockModel.Hashing.splitMix(&state) >> 11) / Double(1 << 53)
            flags[category.name] = .bool(hit)
            scores[category.name] = .number(hit ? 0.9 + fraction * 0.09 : fraction * 0.01)
            var types: [JSONValue] = hasText ? ["text"] : []
            if hasImage && category.images { types.append("image") }
            applied[category.name] = .array(types)
        }
        return [
            "flagged": .bool(!triggered.isEmpty),
            "categories": .object(flags),
            "category_scores": .object(scores),
            "category_applied_input_types": .object(applied),
        ]
    }
}
