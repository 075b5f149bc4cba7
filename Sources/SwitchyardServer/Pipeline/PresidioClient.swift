import Foundation
import Logging
import NIOCore
import SwitchyardCore

/// Calls a Presidio analyzer and anonymizer over their REST APIs (`POST /analyze`,
/// `POST /anonymize`) through the gateway's upstream transport, each call within the
/// guardrail's `presidio_timeout`. Anything but a 2xx answer of the documented shape is a
/// `Failure`: the caller fails closed.
struct PresidioClient: Sendable {
    let transport: UpstreamTransport
    let settings: PresidioSettings

    /// Why a Presidio call gave no usable answer; safe to log (it never carries the text).
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Presidio's answers are a few entities per text; anything this large is not one.
    static let maxAnswerBytes = 8 * 1024 * 1024

    /// What the analyzer finds in `text`.
    func analyze(_ text: String, logger: Logger) async throws -> [PresidioRecognizerResult] {
        try await post(settings.analyzeRequest(text), to: settings.analyzeURL, answer: [PresidioRecognizerResult].self, logger: logger)
    }

    /// `text` with `results` replaced by the anonymizer's default operator (`<ENTITY_TYPE>`).
    func anonymize(_ text: String, _ results: [PresidioRecognizerResult], logger: Logger) async throws -> String {
        let request = PresidioAnonymizeRequest(text: text, analyzerResults: results)
        return try await post(request, to: settings.anonymizeURL, answer: PresidioAnonymizeResponse.self, logger: logger).text
    }

    private func post<Body: Encodable, Answer: Decodable>(_ body: Body, to url: String?, answer: Answer.Type, logger: Logger) async throws -> Answer {
        guard let url else { throw Failure(description: "no Presidio URL is configured for this call") }
        let request = UpstreamRequest(
            url: url, headers: [("content-type", "application/json"), ("accept", "application/json")], body: ByteBuffer(bytes: try JSONEncoder().encode(body))
        )
        let response: UpstreamResponse
        let payload: ByteBuffer
        do {
            response = try await transport.send(request, deadlines: .exchange(within: settings.timeout), logger: logger)
            payload = try await response.body.collect(upTo: Self.maxAnswerBytes)
        } catch {
            throw Failure(description: "\(url) could not be reached: \(UpstreamFailure.classify(error, provider: "presidio").message)")
        }
        guard response.isSuccess else { throw Failure(description: "\(url) answered \(response.status)") }
        do {
            return try JSONDecoder().decode(Answer.self, from: Data(payload.readableBytesView))
        } catch {
            throw Failure(description: "\(url) answered 200 with a body that is not Presidio's answer")
        }
    }
}
