import Foundation
import NIOCore

/// A media request as the mock reads it: a JSON object or a multipart form.
struct MockMediaRequest {
    enum Content {
        case json([String: JSONValue])
        case form(MultipartForm)
    }

    var content: Content
    var body: ByteBuffer

    init(body: ByteBuffer, contentType: String?, multipart: Bool) throws(GatewayError) {
        self.body = body
        if multipart {
            guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else {
                throw GatewayError.invalidRequest("This endpoint takes a multipart/form-data body.")
            }
            content = .form(try MultipartForm(parsing: body, contentType: contentType))
            return
        }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView)), let object = value.objectValue else {
            throw GatewayError.invalidRequest("The request body is not a JSON object.", param: nil)
        }
        content = .json(object)
    }

    /// The status a `[[mock:status=NNN]]` marker asks for: anywhere in a JSON body, in the
    /// text fields of a form (never inside uploaded files).
    func requestedFailure() -> Int? {
        switch content {
        case .json: return MockProviderHandler.requestedFailure(in: body)
        case .form(let form):
            return form.parts.lazy.filter { $0.filename == nil }.compactMap { MockProviderHandler.requestedFailure(in: $0.body) }.first
        }
    }

    /// A member of the JSON object, or a text field of the form as a string.
    subscript(_ name: String) -> JSONValue? {
        switch content {
        case .json(let object): return object[name]
        case .form(let form): return form.value(name).map(JSONValue.string)
        }
    }

    /// A string member or field; a member of another type is an invalid request.
    func string(_ name: String) throws(GatewayError) -> String? {
        guard let value = self[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw GatewayError.invalidRequest("`\(name)` must be a string.", param: name) }
        return text
    }

    /// A required, non-empty string.
    func requiredString(_ name: String) throws(GatewayError) -> String {
        guard let text = try string(name), !text.isEmpty else {
            throw GatewayError.invalidRequest("Missing required parameter: '\(name)'.", param: name)
        }
        return text
    }

    /// A number member, or a form field holding one.
    func number(_ name: String) throws(GatewayError) -> Double? {
        guard let value = self[name], !value.isNull else { return nil }
        if let number = value.numberValue { return number }
        if let text = value.stringValue, let number = Double(text) { return number }
        throw GatewayError.invalidRequest("`\(name)` must be a number.", param: name)
    }

    /// An integer member (or form field) within `range`, `fallback` when absent.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(GatewayError) -> Int {
        guard let number = try number(name) else { return fallback }
        guard number.rounded() == number, let value = Int(exactly: number), range.contains(value) else {
            throw GatewayError.invalidRequest(
                "Invalid '\(name)': \(number) is not an integer between \(range.lowerBound) and \(range.upperBound).", param: name
            )
        }
        return value
    }

    /// The form, for operations that only take multipart bodies.
    var form: MultipartForm? {
        if case .form(let form) = content { return form }
        return nil
    }
}
