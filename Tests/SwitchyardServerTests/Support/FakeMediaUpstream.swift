import Foundation
import Hummingbird
import NIOCore

/// A local server for the media and utility APIs, written from the providers' documented
/// wire formats (not from the gateway's code): OpenAI's images, speech, transcription,
/// translation and moderation under `/v1`, Cohere's `/v1/rerank` and `/v2/rerank`, and
/// Mistral's `/v1/ocr`. It journals every request, so tests compare what the gateway sent
/// upstream with what the client sent, byte for byte.
///
/// Answers, so tests can predict them:
/// - images: one `b64_json` item per `n` (default 1), plus token `usage` for `gpt-image-*`;
/// - speech: `speechBytes` bytes of `audio/mpeg` (large enough to be passed on as it arrives);
///   with `stream_format: "sse"`, two `speech.audio.*` events as `text/event-stream`;
/// - transcription: `{"text": "hello world"}`; `verbose_json` adds `duration` 12.5; `text`,
///   `srt` and `vtt` answer text/plain;
/// - rerank: Cohere's answer with `search_units` 1; OCR: two pages.
/// `.error(status:)` answers OpenAI's error envelope with that status.
struct FakeMediaUpstream: FakeProviderUpstream {
    let server: FakeUpstreamServer

    static let speechBytes = 300_000
    static let pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

    static func respond(_ request: RecordedRequest, _ behavior: FakeProviderBehavior) async throws -> Response {
        if case .error(let status, let message, _, let retryAfter) = behavior {
            return FakeResponse.json(status, #"{"error":{"message":\#(FakeResponse.quoted(message)),"type":"server_error","param":null,"code":null}}"#, retryAfter: retryAfter)
        }
        if case .hang = behavior { return try await FakeResponse.hang() }
        guard request.headers["authorization"]?.hasPrefix("Bearer ") == true else {
            return FakeResponse.json(401, #"{"error":{"message":"Missing bearer authentication","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#)
        }
        let path = request.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        let text = String(decoding: request.body, as: UTF8.self)
        switch path {
        case "/v1/images/generations", "/v1/images/edits", "/v1/images/variations":
            let json = request.json
            let model = json["model"] as? String ?? Self.formValue("model", in: text) ?? ""
            let count = json["n"] as? Int ?? Self.formValue("n", in: text).flatMap(Int.init) ?? 1
            let items = Array(repeating: #"{"b64_json":"\#(pixel)"}"#, count: count).joined(separator: ",")
            let usage = model.hasPrefix("gpt-image")
                ? #","usage":{"input_tokens":60,"input_tokens_details":{"image_tokens":40,"text_tokens":20},"output_tokens":\#(4160 * count),"total_tokens":\#(60 + 4160 * count)}"#
                : ""
            return FakeResponse.json(200, #"{"created":1733443200,"data":[\#(items)]\#(usage)}"#)
        case "/v1/audio/speech":
            guard let input = request.json["input"] as? String, !input.isEmpty else {
                return FakeResponse.json(400, #"{"error":{"message":"input is required","type":"invalid_request_error","param":"input","code":null}}"#)
            }
            if request.json["stream_format"] as? String == "sse" {
                // OpenAI's speech events: base64 audio deltas, then `speech.audio.done` with usage.
                let events = #"data: {"type":"speech.audio.delta","audio":"SUQzVVVV"}"# + "\n\n"
                    + #"data: {"type":"speech.audio.done","usage":{"input_tokens":2,"output_tokens":40,"total_tokens":42}}"# + "\n\n"
                return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody(byteBuffer: ByteBuffer(string: events)))
            }
            var audio = ByteBuffer(bytes: [0x49, 0x44, 0x33])  // "ID3"
            audio.writeRepeatingByte(0x55, count: speechBytes - 3)
            return Response(status: .ok, headers: [.contentType: "audio/mpeg"], body: ResponseBody(byteBuffer: audio))
        case "/v1/audio/transcriptions", "/v1/audio/translations":
            guard text.contains("name=\"file\"; filename=") else {
                return FakeResponse.json(400, #"{"error":{"message":"file is required (multipart/form-data)","type":"invalid_request_error","param":"file","code":null}}"#)
            }
            switch Self.formValue("response_format", in: text) ?? "json" {
            case "text": return Self.plain("hello world\n")
            case "srt": return Self.plain("1\n00:00:00,000 --> 00:00:12,500\nhello world\n\n")
            case "vtt": return Self.plain("WEBVTT\n\n00:00:00.000 --> 00:00:12.500\nhello world\n\n")
            case "verbose_json":
                return FakeResponse.json(200, #"{"task":"transcribe","language":"english","duration":12.5,"text":"hello world","segments":[]}"#)
            default:
                return FakeResponse.json(200, #"{"text":"hello world"}"#)
            }
        case "/v1/moderations":
            let model = request.json["model"] as? String ?? "omni-moderation-latest"
            return FakeResponse.json(
                200,
                #"{"id":"modr-1","model":"\#(model)","results":[{"flagged":false,"categories":{"violence":false},"category_scores":{"violence":0.001}}]}"#
            )
        case "/v1/rerank", "/v2/rerank":
            let documents = request.json["documents"] as? [Any] ?? []
            let results = documents.indices.reversed().map { #"{"index":\#($0),"relevance_score":\#(Double($0 + 1) / Double(documents.count + 1))}"# }
            return FakeResponse.json(
                200, #"{"id":"rr-1","results":[\#(results.joined(separator: ","))],"meta":{"api_version":{"version":"2"},"billed_units":{"search_units":1}}}"#
            )
        case "/v1/ocr":
            return FakeResponse.json(
                200,
                ##"{"pages":[{"index":0,"markdown":"# Page one","images":[],"dimensions":{"dpi":200,"height":2200,"width":1700}},{"index":1,"markdown":"Page two","images":[],"dimensions":{"dpi":200,"height":2200,"width":1700}}],"model":"mistral-ocr-2505","usage_info":{"pages_processed":2,"doc_size_bytes":1024},"document_annotation":null}"##
            )
        default:
            return FakeResponse.json(404, #"{"error":{"message":"Unknown path \#(path)","type":"invalid_request_error","param":null,"code":"unknown_url"}}"#)
        }
    }

    private static func plain(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A text field of a multipart body (enough for the fields the fake reads).
    static func formValue(_ name: String, in body: String) -> String? {
        guard let start = body.range(of: "name=\"\(name)\"\r\n\r\n") else { return nil }
        let rest = body[start.upperBound...]
        return rest.range(of: "\r\n").map { String(rest[..<$0.lowerBound]) }
    }
}
