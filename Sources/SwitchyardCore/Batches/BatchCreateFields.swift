import Foundation
import NIOCore

/// The body of `POST /v1/batches`, checked as OpenAI checks it: `input_file_id`, an
/// `endpoint` the gateway runs batches for, `completion_window` `24h`, and optional
/// `metadata` (at most 16 pairs, keys up to 64 characters, values up to 512).
/// `output_expires_after` (`anchor` `created_at`, `seconds` 3600 to 2592000) sets how long the
/// output and error files are kept; without it they stay until deleted.
public struct BatchCreateFields: Sendable {
    public var inputFileID: String
    public var endpoint: String
    public var metadata: [String: String]?
    /// Seconds the output and error files live after they are written.
    public var outputLifetime: Double?

    public init(_ body: ByteBuffer) throws(GatewayError) {
        guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(body.readableBytesView)) else {
            throw GatewayError(.invalidRequest, "The request body must be a JSON object.", code: "invalid_json")
        }
        func required(_ name: String) throws(GatewayError) -> String {
            guard let value = object[name], value != .null else {
                throw GatewayError(.invalidRequest, "Missing required parameter: '\(name)'.", param: name, code: "missing_required_parameter")
            }
            guard let text = value.stringValue, !text.isEmpty else {
                throw GatewayError.invalidRequest("'\(name)' must be a non-empty string.", param: name)
            }
            return text
        }
        inputFileID = try required("input_file_id")
        endpoint = try required("endpoint")
        guard BatchEndpoint.operations[endpoint] != nil else {
            let known = BatchEndpoint.operations.keys.sorted().joined(separator: ", ")
            throw GatewayError.invalidRequest("'\(endpoint)' is not a supported endpoint; batches run \(known).", param: "endpoint")
        }
        let window = try required("completion_window")
        guard window == "24h" else {
            throw GatewayError.invalidRequest("'completion_window' must be '24h'.", param: "completion_window")
        }
        metadata = try Self.metadata(object["metadata"])
        outputLifetime = try Self.outputLifetime(object["output_expires_after"])
    }

    private static func outputLifetime(_ value: JSONValue?) throws(GatewayError) -> Double? {
        guard let value, value != .null else { return nil }
        guard let object = value.objectValue else {
            throw GatewayError.invalidRequest("'output_expires_after' must be an object with anchor and seconds.", param: "output_expires_after")
        }
        guard object["anchor"]?.stringValue == "created_at" else {
            throw GatewayError.invalidRequest("'output_expires_after.anchor' must be 'created_at'.", param: "output_expires_after.anchor")
        }
        let range = FileUploadFields.lifetimeRange
        guard let seconds = object["seconds"]?.numberValue, seconds == seconds.rounded(),
            (Double(range.lowerBound)...Double(range.upperBound)).contains(seconds)
        else {
            throw GatewayError.invalidRequest(
                "'output_expires_after.seconds' must be a whole number from \(range.lowerBound) to \(range.upperBound).",
                param: "output_expires_after.seconds"
            )
        }
        return seconds
    }

    private static func metadata(_ value: JSONValue?) throws(GatewayError) -> [String: String]? {
        guard let value, value != .null else { return nil }
        guard let object = value.objectValue, object.count <= 16 else {
            throw GatewayError.invalidRequest("'metadata' must be an object of at most 16 string values.", param: "metadata")
        }
        var metadata: [String: String] = [:]
        for (key, item) in object {
            guard key.count <= 64, let text = item.stringValue, text.count <= 512 else {
                throw GatewayError.invalidRequest(
                    "'metadata' keys are strings of at most 64 characters, values strings of at most 512.", param: "metadata.\(key)"
                )
            }
            metadata[key] = text
        }
        return metadata
    }
}
