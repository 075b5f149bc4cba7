import Foundation
import Testing

@testable import SwitchyardCore

/// JSON helpers shared by the Gemini test suites.
enum GeminiTestJSON {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    /// The value encoded and read back as a JSON tree, to assert what goes on the wire.
    static func wire(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    /// A JSON text as a tree, to compare with `wire`.
    static func tree(_ json: String) throws -> JSONValue {
        try decode(JSONValue.self, json)
    }

    /// Decode → encode → decode gives an equal value.
    @discardableResult
    static func roundTrip<T: Codable & Equatable>(_ type: T.Type, _ json: String) throws -> T {
        let first = try decode(type, json)
        let second = try JSONDecoder().decode(type, from: JSONEncoder().encode(first))
        #expect(first == second)
        return first
    }

    /// Runs `body` and returns the `param` of the `GatewayError` it throws (nil when it does not).
    static func rejectedParam(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as GatewayError {
            #expect(error.status == 400)
            return error.param
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }
}
