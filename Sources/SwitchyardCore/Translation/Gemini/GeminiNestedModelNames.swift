import Foundation
import NIOCore

/// Gemini embedding bodies name the model again inside (`embedContent`'s `model`, and each
/// `batchEmbedContents` entry's), and Gemini refuses one that differs from the path. A client
/// calling a gateway alias names the alias; the deployment must see its own model there.
public enum GeminiNestedModelNames {
    /// `body` with every nested model renamed to `models/{upstreamModel}`, or unchanged when
    /// the operation names no model inside or the names already agree.
    public static func renaming(_ body: ByteBuffer, operation: ProviderOperation, requested: String, upstreamModel: String) throws(GatewayError) -> ByteBuffer {
        guard requested != upstreamModel, operation == .embedContent || operation == .batchEmbedContents else { return body }
        let name = upstreamModel.hasPrefix("models/") ? upstreamModel : "models/\(upstreamModel)"
        do {
            let data = Data(body.readableBytesView)
            if operation == .embedContent {
                var request = try JSONDecoder().decode(GeminiEmbedContentRequest.self, from: data)
                guard request.model != nil else { return body }
                request.model = name
                return try DialectJSON.encode(request)
            }
            var batch = try JSONDecoder().decode(GeminiBatchEmbedContentsRequest.self, from: data)
            for index in batch.requests.indices { batch.requests[index].model = name }
            return try DialectJSON.encode(batch)
        } catch let error as DecodingError {
            throw GatewayError.invalidRequest(RequestDecodingError.describe(error), param: RequestDecodingError.path(error))
        } catch {
            throw GatewayError.invalidRequest("The request body does not match the \(operation) schema.")
        }
    }
}
