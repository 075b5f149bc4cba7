import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// How many times each upstream job was polled, for fakes whose jobs move on per poll.
final class FakeJobPolls: Sendable {
    private let counts = Mutex([String: Int]())
    /// Each job's prompt, by upstream id.
    let prompts = Mutex([String: String]())
    /// The fake's own base URL, for the download links it hands out.
    let base = Mutex("")

    /// Counts one poll of `id` and answers how many there have been, this one included.
    func poll(_ id: String) -> Int {
        counts.withLock { counts in
            counts[id, default: 0] += 1
            return counts[id] ?? 0
        }
    }
}

/// OpenAI's video API as documented (not as the gateway writes it): `POST /v1/videos` takes
/// multipart `model`, `prompt`, `seconds`, `size`; `GET /v1/videos/{id}` answers the video
/// object, in progress at 50 on the first poll and completed on the next (failed with
/// `moderation_blocked` when the prompt says FAIL); `GET /v1/videos/{id}/content` answers
/// `contentBytes` of MP4. Every call needs `Authorization: Bearer`; every call is journaled.
struct FakeOpenAIVideoUpstream {
    let server: FakeUpstreamServer
    static let contentBytes = 200_000

    var baseURL: String { server.baseURL }
    var requests: [RecordedRequest] { server.requests }

    static func start() async throws -> FakeOpenAIVideoUpstream {
        let polls = FakeJobPolls()
        let server = try await FakeUpstreamServer.start(.echo) { request, _ in
            guard request.headers["authorization"]?.hasPrefix("Bearer ") == true else {
                return FakeResponse.json(401, #"{"error":{"message":"Missing bearer authentication","type":"invalid_request_error","param":null,"code":null}}"#)
            }
            let path = request.path.split(separator: "?").first.map(String.init) ?? ""
            let segments = path.split(separator: "/").map(String.init)
            switch (request.method, segments.count) {
            case ("POST", 2) where path == "/v1/videos":
                let text = String(decoding: request.body, as: UTF8.self)
                guard request.headers["content-type"]?.hasPrefix("multipart/form-data") == true, let prompt = FakeMediaUpstream.formValue("prompt", in: text) else {
                    return FakeResponse.json(400, #"{"error":{"message":"prompt is required","type":"invalid_request_error","param":"prompt","code":null}}"#)
                }
                let id = "video_up_\(UUID().uuidString.prefix(8))"
                polls.prompts.withLock { $0[id] = prompt }
                let model = FakeMediaUpstream.formValue("model", in: text) ?? "sora-2"
                let seconds = FakeMediaUpstream.formValue("seconds", in: text) ?? "4"
                let size = FakeMediaUpstream.formValue("size", in: text) ?? "720x1280"
                return FakeResponse.json(200, video(id, model: model, status: "queued", progress: 0, seconds: seconds, size: size))
            case ("GET", 3):
                let id = segments[2]
                guard let prompt = polls.prompts.withLock({ $0[id] }) else {
                    return FakeResponse.json(404, #"{"error":{"message":"Video not found","type":"invalid_request_error","param":null,"code":null}}"#)
                }
                if polls.poll(id) == 1 { return FakeResponse.json(200, video(id, model: "sora-2", status: "in_progress", progress: 50)) }
                if prompt.contains("FAIL") {
                    let failed = video(id, model: "sora-2", status: "failed", progress: 50)
                        .replacingOccurrences(of: #""error":null"#, with: #""error":{"code":"moderation_blocked","message":"The prompt was blocked."}"#)
                    return FakeResponse.json(200, failed)
                }
                return FakeResponse.json(200, video(id, model: "sora-2", status: "completed", progress: 100))
            case ("GET", 4) where segments[3] == "content":
                var bytes = ByteBuffer(string: "\0\0\0\u{18}ftypmp42")
                bytes.writeRepeatingByte(0x42, count: contentBytes - bytes.readableBytes)
                return Response(status: .ok, headers: [.contentType: "video/mp4"], body: ResponseBody(byteBuffer: bytes))
            default:
                return FakeResponse.json(404, #"{"error":{"message":"Unknown route","type":"invalid_request_error","param":null,"code":null}}"#)
            }
        }
        return FakeOpenAIVideoUpstream(server: server)
    }

    static func video(_ id: String, model: String, status: String, progress: Int, seconds: String = "4", size: String = "720x1280") -> String {
        #"{"id":"\#(id)","object":"video","model":"\#(model)","status":"\#(status)","progress":\#(progress),"created_at":1760000000,"completed_at":null,"expires_at":null,"seconds":"\#(seconds)","size":"\#(size)","remixed_from_video_id":null,"error":null}"#
    }

    func stop() async { await server.stop() }
}

/// Veo through the Gemini API, as Google documents it: `POST /v1beta/models/{model}:predictLongRunning`
/// answers an operation name; `GET /v1beta/{name}` is `done: false` on the first poll, then
/// done with `response.generateVideoResponse.generatedSamples[0].video.uri` pointing at
/// `/v1beta/files/{file}:download?alt=media` on this server, which needs the API key.
/// `x-goog-api-key` must be `apiKey` everywhere; every call is journaled.
struct FakeVeoUpstream {
    let server: FakeUpstreamServer
    static let apiKey = "goog-key-1"
    static let contentBytes = 150_000

    var baseURL: String { server.baseURL }
    var requests: [RecordedRequest] { server.requests }

    static func start() async throws -> FakeVeoUpstream {
        let polls = FakeJobPolls()
        let server = try await FakeUpstreamServer.start(.echo) { request, _ in
            guard request.headers["x-goog-api-key"] == apiKey else {
                return FakeResponse.json(403, #"{"error":{"code":403,"message":"API key not valid.","status":"PERMISSION_DENIED"}}"#)
            }
            let path = request.path.split(separator: "?").first.map(String.init) ?? ""
            if request.method == "POST", path.hasSuffix(":predictLongRunning"), let model = path.split(separator: "/").last?.split(separator: ":").first {
                guard let instances = request.json["instances"] as? [[String: Any]], instances.first?["prompt"] is String else {
                    return FakeResponse.json(400, #"{"error":{"code":400,"message":"instances[0].prompt is required","status":"INVALID_ARGUMENT"}}"#)
                }
                return FakeResponse.json(200, #"{"name":"models/\#(model)/operations/op\#(UUID().uuidString.prefix(6))"}"#)
            }
            if request.method == "GET", path.contains("/operations/") {
                let name = String(path.dropFirst("/v1beta/".count))
                if polls.poll(name) == 1 { return FakeResponse.json(200, #"{"name":"\#(name)","done":false}"#) }
                let uri = polls.base.withLock { $0 } + "/v1beta/files/vid1:download?alt=media"
                return FakeResponse.json(
                    200, #"{"name":"\#(name)","done":true,"response":{"@type":"type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse","generateVideoResponse":{"generatedSamples":[{"video":{"uri":"\#(uri)"}}]}}}"#
                )
            }
            if request.method == "GET", path == "/v1beta/files/vid1:download" {
                var bytes = ByteBuffer(string: "\0\0\0\u{18}ftypisom")
                bytes.writeRepeatingByte(0x56, count: contentBytes - bytes.readableBytes)
                return Response(status: .ok, headers: [.contentType: "video/mp4"], body: ResponseBody(byteBuffer: bytes))
            }
            return FakeResponse.json(404, #"{"error":{"code":404,"message":"Not found","status":"NOT_FOUND"}}"#)
        }
        polls.base.withLock { $0 = server.baseURL }
        return FakeVeoUpstream(server: server)
    }

    func stop() async { await server.stop() }
}
