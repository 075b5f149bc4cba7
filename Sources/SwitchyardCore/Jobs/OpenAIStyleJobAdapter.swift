import Foundation
import NIOCore

/// OpenAI's video API (`POST /videos` as multipart, `GET /videos/{id}`,
/// `GET /videos/{id}/content`, `POST /videos/{id}/remix`), and the mock's music jobs in the
/// same shape under `/music/generations`.
struct OpenAIStyleJobAdapter: MediaJobAdapter {
    let provider: ProviderKind
    /// `.videos` or `.musicGenerations`: the collection the job lives under.
    let operation: ProviderOperation

    /// A job object of OpenAI's video API, as far as the gateway reads it.
    struct JobObject: Decodable {
        struct Failure: Decodable {
            var code: String?
            var message: String?
        }

        var id: String
        var status: String?
        var progress: Double?
        var error: Failure?
    }

    func submit(_ spec: JobSpec, deployment: Deployment, upstreamModel: String) throws(GatewayError) -> UpstreamRequest {
        var form = MultipartWriter()
        form.addField(name: "model", value: upstreamModel)
        form.addField(name: "prompt", value: spec.prompt)
        form.addField(name: "seconds", value: String(spec.seconds))
        if let size = spec.size { form.addField(name: "size", value: size) }
        if let reference = spec.inputReference {
            form.addFile(
                name: "input_reference", filename: reference.filename ?? "reference", contentType: reference.contentType ?? "application/octet-stream",
                bytes: reference.bytes.readableBytesView
            )
        }
        var request = try base(deployment, upstreamModel: upstreamModel)
        request.body = form.finish()
        request.headers = request.headers.map { $0.name.lowercased() == "content-type" ? ($0.name, form.contentType) : $0 }
        return request
    }

    func remix(upstreamID: String, prompt: String, deployment: Deployment) throws(GatewayError) -> UpstreamRequest {
        var request = try base(deployment, upstreamModel: deployment.upstreamModel).with(method: "POST", appending: "/\(upstreamID.addingPathPercentEncoding())/remix")
        request.headers.append(("content-type", "application/json"))
        request.body = ByteBuffer(bytes: (try? JSONEncoder().encode(["prompt": prompt])) ?? Data())
        return request
    }

    func submitted(_ body: ByteBuffer) throws(GatewayError) -> ProviderJobSnapshot {
        try snapshot(body)
    }

    func poll(upstreamID: String, deployment: Deployment) throws(GatewayError) -> UpstreamRequest {
        try base(deployment, upstreamModel: deployment.upstreamModel).with(method: "GET", appending: "/\(upstreamID.addingPathPercentEncoding())")
    }

    func polled(_ body: ByteBuffer, upstreamID: String) throws(GatewayError) -> ProviderJobSnapshot {
        try snapshot(body)
    }

    func download(upstreamID: String, location: String?, deployment: Deployment) throws(GatewayError) -> UpstreamRequest {
        try base(deployment, upstreamModel: deployment.upstreamModel).with(method: "GET", appending: "/\(upstreamID.addingPathPercentEncoding())/content")
    }

    private func base(_ deployment: Deployment, upstreamModel: String) throws(GatewayError) -> UpstreamRequest {
        try provider.endpoint.request(operation, deployment: deployment, upstreamModel: upstreamModel, body: ByteBuffer())
    }

    private func snapshot(_ body: ByteBuffer) throws(GatewayError) -> ProviderJobSnapshot {
        let job = try JobJSON.decode(JobObject.self, from: body, what: "\(operation) job")
        let progress = job.progress.map { Int($0.rounded()) }
        let state: ProviderJobSnapshot.State
        switch job.status {
        case "queued", nil: state = .queued(progress: progress)
        case "completed": state = .succeeded(location: nil)
        case "failed":
            state = .failed(code: job.error?.code ?? "generation_failed", message: job.error?.message ?? "The provider reports the job failed.")
        default: state = .running(progress: progress)
        }
        return ProviderJobSnapshot(upstreamID: job.id, state: state)
    }
}

/// Decoding of provider job answers, failing as a 502 that says what could not be read.
enum JobJSON {
    static func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer, what: String) throws(GatewayError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch {
            throw GatewayError(.upstreamUnavailable, "The upstream sent a \(what) answer the gateway could not read: \(error).", code: "bad_upstream_response")
        }
    }
}
