import Foundation
import NIOCore

/// The mock provider's asynchronous jobs, in OpenAI's video API shape: `POST /v1/videos`
/// (multipart or JSON), `GET /v1/videos/{id}`, `GET /v1/videos/{id}/content`,
/// `POST /v1/videos/{id}/remix`; music the same way under `/v1/music/generations`.
///
/// Stateless, so the in-process mock and the standalone server behave alike and any replica
/// can poll: the id carries when the job began, its length, size and fate. A job renders for
/// half its length in seconds (at least one second) of the handler's clock, reporting
/// progress on the way; a prompt containing `[[mock:fail]]` fails halfway. The content is
/// deterministic: a small MP4-shaped file (an `ftyp` box, then `mdat` with 1 KiB per second),
/// or a WAV tone for music.
struct MockMediaJobs {
    let kind: MediaJob.Kind
    /// `id`, `id/content` or `id/remix` below the collection; empty for the collection itself.
    let rest: String

    static let failMarker = "[[mock:fail]]"

    /// The job route `route` names, if it is one.
    init?(route: String) {
        for (kind, collection) in [(MediaJob.Kind.video, "/videos"), (.music, "/music/generations")] {
            guard let range = route.range(of: collection), route[..<range.lowerBound].allSatisfy({ $0 != "?" }),
                route.hasPrefix(collection) || route.hasPrefix("/v1" + collection)
            else { continue }
            self.kind = kind
            self.rest = String(route[range.upperBound...].drop { $0 == "/" })
            return
        }
        return nil
    }

    /// One job's fate, encoded in its id: `video_mock_{start}_{seconds}_{size}_{ok|fail}`.
    struct Ticket {
        var kind: MediaJob.Kind
        var start: Double
        var seconds: Int
        var size: String
        var fails: Bool

        var id: String { "\(kind.idPrefix)mock_\(Int(start * 1000))_\(seconds)_\(size)_\(fails ? "fail" : "ok")" }

        init(kind: MediaJob.Kind, start: Double, seconds: Int, size: String, fails: Bool) {
            self.kind = kind
            self.start = start
            self.seconds = seconds
            self.size = size
            self.fails = fails
        }

        init?(id: String) {
            let parts = id.split(separator: "_").map(String.init)
            guard parts.count == 6, parts[1] == "mock", let kind = MediaJob.Kind(rawValue: parts[0]), let start = Double(parts[2]),
                let seconds = Int(parts[3]), seconds > 0
            else { return nil }
            self.init(kind: kind, start: start / 1000, seconds: seconds, size: parts[4], fails: parts[5] == "fail")
        }

        var renderSeconds: Double { max(1, Double(seconds) / 2) }

        /// Status and progress at `now`.
        func state(at now: Double) -> (status: String, progress: Int) {
            let progress = min(100, max(0, Int(((now - start) / renderSeconds * 100).rounded(.down))))
            if fails && progress >= 50 { return ("failed", 50) }
            if progress >= 100 { return ("completed", 100) }
            return (progress < 10 ? "queued" : "in_progress", progress)
        }

        func object(at now: Double, remixedFrom: String? = nil) -> JSONValue {
            let (status, progress) = state(at: now)
            var object: [String: JSONValue] = [
                "id": .string(id), "object": .string(kind.rawValue), "model": "mock", "status": .string(status),
                "progress": .number(Double(progress)), "created_at": .number(start.rounded(.down)), "seconds": .string(String(seconds)),
            ]
            if kind == .video { object["size"] = .string(size) }
            if let remixedFrom { object["remixed_from_video_id"] = .string(remixedFrom) }
            if status == "failed" {
                object["error"] = ["code": "mock_failure", "message": .string("Mock failure requested with \(failMarker).")]
            }
            return .object(object)
        }

        /// The finished content's bytes and media type.
        var content: (bytes: [UInt8], contentType: String) {
            let seed = id.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF }
            switch kind {
            case .video:
                let payload = seconds * 1024
                var bytes: [UInt8] = [0, 0, 0, 24] + Array("ftypisom".utf8) + [0, 0, 2, 0] + Array("isomiso2".utf8)
                let mdat = UInt32(payload + 8)
                bytes += [UInt8(mdat >> 24), UInt8((mdat >> 16) & 0xFF), UInt8((mdat >> 8) & 0xFF), UInt8(mdat & 0xFF)] + Array("mdat".utf8)
                bytes += (0..<payload).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ seed) }
                return (bytes, "video/mp4")
            case .music:
                let rate = 8000
                let samples = (0..<(rate * seconds)).flatMap { index -> [UInt8] in
                    let value = Int16(sin(Double(index) * 2 * .pi * 440 / Double(rate)) * 8000)
                    return [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
                }
                return (WAVAudio.wav(pcm16: samples, sampleRate: rate, channels: 1), "audio/wav")
            }
        }
    }

    func answer(method: String, contentType: String?, body: ByteBuffer, now: Double) -> MockProviderHandler.Answer {
        let segments = rest.split(separator: "/").map(String.init)
        switch (method, segments.count, segments.last) {
        case ("POST", 0, _):
            return create(contentType: contentType, body: body, now: now)
        case ("GET", 1, _):
            guard let ticket = Ticket(id: segments[0]), ticket.kind == kind else { return notFound(segments[0]) }
            return MockProviderHandler.json(ticket.object(at: now))
        case ("GET", 2, "content"):
            guard let ticket = Ticket(id: segments[0]), ticket.kind == kind else { return notFound(segments[0]) }
            guard ticket.state(at: now).status == "completed" else {
                return MockProviderHandler.error(status: 404, message: "Content for \(ticket.id) is not ready.", type: "invalid_request_error")
            }
            let content = ticket.content
            return MockProviderHandler.Answer(status: 200, contentType: content.contentType, chunks: [ByteBuffer(bytes: content.bytes)])
        case ("POST", 2, "remix"):
            guard let source = Ticket(id: segments[0]), source.kind == kind, kind == .video else { return notFound(segments[0]) }
            guard source.state(at: now).status == "completed" else {
                return MockProviderHandler.error(status: 400, message: "Only a completed video can be remixed.", type: "invalid_request_error")
            }
            let prompt = (try? MockMediaRequest(body: body, contentType: contentType, multipart: false).string("prompt")) ?? nil
            guard let prompt, !prompt.isEmpty else {
                return MockProviderHandler.error(status: 400, message: "Missing required parameter: 'prompt'.", type: "invalid_request_error")
            }
            let remix = Ticket(kind: kind, start: now, seconds: source.seconds, size: source.size, fails: prompt.contains(Self.failMarker))
            return MockProviderHandler.json(remix.object(at: now, remixedFrom: source.id))
        default:
            return MockProviderHandler.error(status: 404, message: "Unknown mock route \(method) \(rest).", type: "invalid_request_error")
        }
    }

    private func create(contentType: String?, body: ByteBuffer, now: Double) -> MockProviderHandler.Answer {
        let multipart = contentType?.lowercased().hasPrefix("multipart/form-data") == true
        do throws(GatewayError) {
            let request = try MockMediaRequest(body: body, contentType: contentType, multipart: multipart)
            if let status = request.requestedFailure() {
                return MockProviderHandler.error(status: status, message: "Mock failure requested with [[mock:status=\(status)]].", type: status >= 500 ? "server_error" : "invalid_request_error")
            }
            let prompt = try request.requiredString("prompt")
            let secondsValue = request["seconds"] ?? request["duration"]
            let seconds = secondsValue.flatMap { $0.stringValue.flatMap(Int.init) ?? $0.numberValue.map { Int($0) } } ?? (kind == .video ? 4 : 30)
            let size = try request.string("size") ?? "720x1280"
            guard seconds > 0, ImageSize(size)?.pixelCount != nil else {
                return MockProviderHandler.error(status: 400, message: "Invalid seconds or size.", type: "invalid_request_error")
            }
            let ticket = Ticket(kind: kind, start: now, seconds: seconds, size: size, fails: prompt.contains(Self.failMarker))
            return MockProviderHandler.json(ticket.object(at: now))
        } catch {
            return MockProviderHandler.error(status: error.status, message: error.message, type: "invalid_request_error")
        }
    }

    private func notFound(_ id: String) -> MockProviderHandler.Answer {
        MockProviderHandler.error(status: 404, message: "No \(kind.rawValue) job with id '\(id)'.", type: "invalid_request_error")
    }
}
