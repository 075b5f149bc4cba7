import Foundation
import Hummingbird

/// A fake Presidio analyzer and anonymizer, written from Presidio's REST API reference
/// (docs/api-docs/api-docs.yml) and its servers' `app.py`:
///
/// - `POST /analyze` `{"text", "language", "entities"?}` → `[{"entity_type", "start", "end",
///   "score", "analysis_explanation": null}]`, offsets in Unicode scalars as Python counts them.
///   It "recognizes" the literal strings in `entities` (text → type and score).
/// - `POST /anonymize` `{"text", "analyzer_results"}` → `{"text", "items"}`, each result replaced
///   by `<ENTITY_TYPE>` (Presidio's default `replace` operator; of overlapping results, the
///   first kept), each item an `OperatorResult` with offsets into the new text.
///
/// Every request is journaled. Behaviours: `.echo` answers as above; `.error(status:)` is
/// Presidio's error envelope `{"error": "…"}`; `.text([body])` is a 200 with that body (not
/// Presidio's answer); `.hang` never answers.
struct FakePresidio: FakeProviderUpstream {
    let server: FakeUpstreamServer

    /// What the fake finds: a literal, its entity type and score.
    static let entities: [(text: String, type: String, score: Double)] = [
        ("jane@example.com", "EMAIL_ADDRESS", 1.0),
        ("4111111111111111", "CREDIT_CARD", 1.0),
        ("10.0.0.1", "IP_ADDRESS", 0.6),
    ]

    func requests(_ path: String) -> [RecordedRequest] { requests.filter { $0.path == path } }

    static func respond(_ request: RecordedRequest, _ behavior: FakeProviderBehavior) async throws -> Response {
        switch behavior {
        case .error(let status, let message, _, _):
            return FakeResponse.json(status, #"{"error": \#(FakeResponse.quoted(message))}"#)
        case .text(let pieces):
            return FakeResponse.json(200, pieces.joined())
        case .hang:
            return try await FakeResponse.hang()
        default:
            break
        }
        guard let text = request.json["text"] as? String else { return FakeResponse.json(400, #"{"error": "Invalid request json"}"#) }
        switch request.path {
        case "/analyze": return FakeResponse.json(200, analyze(text, entities: request.json["entities"] as? [String]))
        case "/anonymize": return FakeResponse.json(200, anonymize(text, results: request.json["analyzer_results"] as? [[String: Any]] ?? []))
        default: return FakeResponse.json(404, #"{"error": "Not Found"}"#)
        }
    }

    private static func analyze(_ text: String, entities: [String]?) -> String {
        let scalars = Array(text.unicodeScalars)
        var items: [String] = []
        for entity in Self.entities where entities?.contains(entity.type) ?? true {
            let needle = Array(entity.text.unicodeScalars)
            guard scalars.count >= needle.count else { continue }
            for start in 0...(scalars.count - needle.count) where Array(scalars[start..<start + needle.count]) == needle {
                items.append(#"{"analysis_explanation": null, "end": \#(start + needle.count), "entity_type": "\#(entity.type)", "score": \#(entity.score), "start": \#(start)}"#)
            }
        }
        return "[" + items.joined(separator: ", ") + "]"
    }

    private static func anonymize(_ text: String, results: [[String: Any]]) -> String {
        let scalars = Array(text.unicodeScalars)
        let spans = results.compactMap { result -> (start: Int, end: Int, type: String)? in
            guard let start = result["start"] as? Int, let end = result["end"] as? Int, let type = result["entity_type"] as? String,
                0 <= start, start <= end, end <= scalars.count
            else { return nil }
            return (start, end, type)
        }
        var output = String.UnicodeScalarView()
        var items: [String] = []
        var cursor = 0
        for span in spans.sorted(by: { $0.start < $1.start }) where span.start >= cursor {
            output.append(contentsOf: scalars[cursor..<span.start])
            let replacement = "<\(span.type)>"
            let begin = output.count
            output.append(contentsOf: replacement.unicodeScalars)
            items.append(#"{"operator": "replace", "entity_type": "\#(span.type)", "start": \#(begin), "end": \#(output.count), "text": "\#(replacement)"}"#)
            cursor = span.end
        }
        output.append(contentsOf: scalars[cursor...])
        return #"{"text": \#(FakeResponse.quoted(String(output))), "items": [\#(items.joined(separator: ", "))]}"#
    }
}
