import Foundation
import NIOCore

/// Google Veo through the Gemini API: `POST {base}/v1beta/models/{model}:predictLongRunning`
/// answers a long-running operation (`{"name": "models/…/operations/…"}`); `GET {base}/v1beta/{name}`
/// reports it until `done`, then `response.generateVideoResponse.generatedSamples[].video.uri`
/// (downloaded with the API key) or `error`. Every request carries `x-goog-api-key`.
struct VeoJobAdapter: MediaJobAdapter {
    struct Operation: Decodable {
        struct Status: Decodable {
            var code: Int?
            var message: String?
            var status: String?
        }

        struct Response: Decodable {
            var generateVideoResponse: VideoResponse?
        }

        struct VideoResponse: Decodable {
            var generatedSamples: [Sample]?
            var raiMediaFilteredReasons: [String]?
        }

        struct Sample: Decodable {
            var video: Video?
        }

        struct Video: Decodable {
            var uri: String?
        }

        var name: String
        var done: Bool?
        var error: Status?
        var response: Response?
    }

    func submit(_ spec: JobSpec, deployment: Deployment, upstreamModel: String) throws(GatewayError) -> UpstreamRequest {
        var instance: [String: JSONValue] = ["prompt": .string(spec.prompt)]
        if let reference = spec.inputReference {
            instance["image"] = [
                "bytesBase64Encoded": .string(Data(reference.bytes.readableBytesView).base64EncodedString()),
                "mimeType": .string(reference.contentType ?? "image/png"),
            ]
        }
        var parameters: [String: JSONValue] = ["durationSeconds": .number(Double(spec.seconds))]
        if let size = spec.size, let pixels = ImageSize(size), let width = pixels.width, let height = pixels.height {
            parameters["aspectRatio"] = .string(width >= height ? "16:9" : "9:16")
            parameters["resolution"] = .string("\(min(width, height))p")
        }
        let body: JSONValue = ["instances": .array([.object(instance)]), "parameters": .object(parameters)]
        return try GeminiProvider().request(.predictLongRunning, deployment: deployment, upstreamModel: upstreamModel, body: (try? DialectJSON.encode(body)) ?? ByteBuffer())
    }

    func remix(upstreamID: String, prompt: String, deployment: Deployment) throws(GatewayError) -> UpstreamRequest {
        throw GatewayError(.invalidRequest, "Veo has no remix; create a new video with the new prompt.", code: "unsupported_operation")
    }

    func submitted(_ body: ByteBuffer) throws(GatewayError) -> ProviderJobSnapshot {
        try snapshot(body)
    }

    func poll(upstreamID: String, deployment: Deployment) throws(GatewayError) -> UpstreamRequest {
        let name = upstreamID.split(separator: "/").map { String($0).addingPathPercentEncoding() }.joined(separator: "/")
        return UpstreamRequest(method: "GET", url: "\(Self.base(deployment))/v1beta/\(name)", headers: Self.auth(deployment), body: ByteBuffer(), tls: deployment.tlsTrust)
    }

    func polled(_ body: ByteBuffer, upstreamID: String) throws(GatewayError) -> ProviderJobSnapshot {
        try snapshot(body)
    }

    /// The sample's URI, with the key only when it points at the deployment's own API base
    /// (a URI elsewhere never sees the key).
    func download(upstreamID: String, location: String?, deployment: Deployment) throws(GatewayError) -> UpstreamRequest {
        guard let location, location.hasPrefix("https://") || location.hasPrefix("http://") else {
            throw GatewayError(.upstreamUnavailable, "Veo reported a finished video without a URI to download it from.", code: "bad_upstream_response")
        }
        let ownBase = location.hasPrefix(Self.base(deployment) + "/")
        return UpstreamRequest(method: "GET", url: location, headers: ownBase ? Self.auth(deployment) : [], body: ByteBuffer(), tls: deployment.tlsTrust)
    }

    private static func base(_ deployment: Deployment) -> String {
        var base = deployment.apiBase ?? deployment.provider.defaultAPIBase ?? "https://generativelanguage.googleapis.com"
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    private static func auth(_ deployment: Deployment) -> [(name: String, value: String)] {
        guard let key = deployment.apiKey, !key.isEmpty else { return [] }
        return [("x-goog-api-key", key)]
    }

    private func snapshot(_ body: ByteBuffer) throws(GatewayError) -> ProviderJobSnapshot {
        let operation = try JobJSON.decode(Operation.self, from: body, what: "Veo operation")
        guard operation.done == true else { return ProviderJobSnapshot(upstreamID: operation.name, state: .running(progress: nil)) }
        if let error = operation.error {
            let code = error.status?.lowercased() ?? error.code.map { "upstream_\($0)" } ?? "generation_failed"
            return ProviderJobSnapshot(upstreamID: operation.name, state: .failed(code: code, message: error.message ?? "Veo reports the operation failed."))
        }
        let video = operation.response?.generateVideoResponse
        if let uri = video?.generatedSamples?.lazy.compactMap({ $0.video?.uri }).first {
            return ProviderJobSnapshot(upstreamID: operation.name, state: .succeeded(location: uri))
        }
        let reasons = video?.raiMediaFilteredReasons ?? []
        let message = reasons.isEmpty ? "Veo finished without a video." : "Veo filtered the video: \(reasons.joined(separator: "; "))"
        return ProviderJobSnapshot(upstreamID: operation.name, state: .failed(code: reasons.isEmpty ? "no_video" : "content_filtered", message: message))
    }
}
