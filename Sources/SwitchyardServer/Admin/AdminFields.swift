import Foundation
import NIOCore
import SwitchyardCore

/// The JSON object of an admin request, read field by field: each wrong type is a 400 that
/// names the field. A field set to null is distinguished from one left out (an update clears
/// the first and keeps the second).
struct AdminFields {
    let object: [String: JSONValue]

    init(_ body: ByteBuffer) throws {
        if body.readableBytes == 0 {
            object = [:]
            return
        }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView)) else {
            throw GatewayError(.invalidRequest, "The request body is not valid JSON.", code: "invalid_json")
        }
        guard case .object(let object) = value else {
            throw GatewayError(.invalidRequest, "The request body must be a JSON object.", code: "invalid_request")
        }
        self.object = object
    }

    init(object: [String: JSONValue]) {
        self.object = object
    }

    /// Whether `name` was sent at all (null included).
    func has(_ name: String) -> Bool { object[name] != nil }

    func string(_ name: String) throws -> String? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw Self.wrongType(name, "a string") }
        return text
    }

    func number(_ name: String) throws -> Double? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let number = value.numberValue, number >= 0 else { throw Self.wrongType(name, "a number of 0 or more") }
        return number
    }

    func integer(_ name: String) throws -> Int? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let number = value.intValue, number >= 0 else { throw Self.wrongType(name, "a whole number of 0 or more") }
        return number
    }

    func bool(_ name: String) throws -> Bool? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let flag = value.boolValue else { throw Self.wrongType(name, "true or false") }
        return flag
    }

    func strings(_ name: String) throws -> [String]? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let items = value.arrayValue else { throw Self.wrongType(name, "a list of strings") }
        return try items.map { item in
            guard let text = item.stringValue else { throw Self.wrongType(name, "a list of strings") }
            return text
        }
    }

    func dictionary(_ name: String) throws -> [String: JSONValue]? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let object = value.objectValue else { throw Self.wrongType(name, "an object") }
        return object
    }

    func duration(_ name: String) throws -> BudgetDuration? {
        guard let text = try string(name) else { return nil }
        guard let duration = BudgetDuration(text) else {
            throw GatewayError(.invalidRequest, "`\(name)` must be a duration such as 30s, 15m, 1h, 1d, 30d or 1mo, of at most 100 years.", param: name, code: "invalid_request")
        }
        return duration
    }

    static func wrongType(_ name: String, _ expected: String) -> GatewayError {
        GatewayError(.invalidRequest, "`\(name)` must be \(expected).", param: name, code: "invalid_request")
    }
}
