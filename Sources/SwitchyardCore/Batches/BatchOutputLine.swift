import NIOCore

/// The lines of a batch's output and error files, in OpenAI's format:
/// `{"id": "batch_req_…", "custom_id", "response": {"status_code", "request_id", "body"},
/// "error": null}` for a line that was answered (2xx to the output file, any other status to
/// the error file), and `{"id", "custom_id", "response": null, "error": {"code", "message"}}`
/// for a line that never ran.
public enum BatchOutputLine {
    /// The error of a line that never ran because the completion window closed.
    public static let expiredCode = "batch_expired"
    public static let expiredMessage = "This request could not be executed before the completion window expired."

    public static func expired(id: String) -> BatchLineResult {
        .notRun(id: id, code: expiredCode, message: expiredMessage)
    }

    /// The output line of the line `customID` that ended as `result`, newline included.
    public static func write(_ result: BatchLineResult, customID: String, into buffer: inout ByteBuffer) {
        buffer.writeString(#"{"id":"#)
        buffer.writeBytes(JSONStringDecoding.encode(result.id))
        buffer.writeString(#","custom_id":"#)
        buffer.writeBytes(JSONStringDecoding.encode(customID))
        switch result {
        case .answered(_, let status, let requestID, let body):
            buffer.writeString(#","response":{"status_code":\#(status),"request_id":"#)
            buffer.writeBytes(JSONStringDecoding.encode(requestID))
            buffer.writeString(#","body":"#)
            writeJSON(body, into: &buffer)
            buffer.writeString(#"},"error":null}"#)
        case .notRun(_, let code, let message):
            buffer.writeString(#","response":null,"error":{"code":"#)
            buffer.writeBytes(JSONStringDecoding.encode(code))
            buffer.writeString(#","message":"#)
            buffer.writeBytes(JSONStringDecoding.encode(message))
            buffer.writeString("}}")
        }
        buffer.writeString("\n")
    }

    /// A stored answer as it was (JSON), or as a JSON string when it is not JSON.
    private static func writeJSON(_ text: String, into buffer: inout ByteBuffer) {
        var text = text
        let valid = text.withUTF8 { bytes in (try? JSONScanner.validate(UnsafeRawBufferPointer(bytes))) != nil }
        if valid {
            buffer.writeString(text)
        } else {
            buffer.writeBytes(JSONStringDecoding.encode(text))
        }
    }
}
