import Foundation
import Testing

@testable import SwitchyardCore

/// Reading a JSON document in place: the same answers as the decoded `JSONValue`.
@Suite struct JSONRawValueTests {
    /// Runs `body` over the raw reading of `json` (validated first, as requests are).
    private func withRaw<T>(_ json: String, _ body: (JSONRawValue) -> T) throws -> T {
        let bytes = Array(json.utf8)
        return try bytes.withUnsafeBytes { raw in
            try JSONScanner.validate(raw)
            return body(JSONRawValue(raw, at: 0))
        }
    }

    @Test func findsMembersElementsAndKinds() throws {
        let json = #" {"a": [1, "two", {"b": null}, [true, false]], "c": {"d": "e\"}"}, "n": -1.5e3} "#
        try withRaw(json) { root in
            #expect(root.kind == .object)
            #expect(root["a"]?.elements.map(\.kind) == [.number, .string, .object, .array])
            #expect(root["a"]?.elements.map(\.stringValue) == [nil, "two", nil, nil])
            #expect(root["c"]?["d"]?.stringValue == #"e"}"#)
            #expect(root["a"].flatMap { Array($0.elements).last }?.elements.map(\.boolValue) == [true, false])
            #expect(root["n"]?.kind == .number)
            #expect(root["missing"] == nil)
            #expect(root["a"]?["b"] == nil)
            #expect(root["c"]?.elements.map(\.kind) == [])
        }
    }

    @Test func aRepeatedNameReadsItsLastValueAndEscapedNamesAreDecoded() throws {
        try withRaw(#"{"k": "first", "\u006b": "second", "z": {}, "a": 1}"#) { root in
            #expect(root["k"]?.stringValue == "second")
            #expect(root.sortedMembers.map { $0.key } == ["a", "k", "z"])
            #expect(root.sortedMembers.map { $0.value.kind } == [.number, .string, .object])
        }
    }

    @Test func membersAreReadInOnePassWithTheSameAnswersAsOneByOne() throws {
        let json = #"{"k": "first", "big": "\#(String(repeating: "x", count: 300))", "\u006b": "second", "z": {}}"#
        try withRaw(json) { root in
            let names = ["z", "k", "missing", "big"]
            #expect(root.members(names).map { $0?.range } == names.map { root[$0]?.range })
            #expect(root.members(["k"]).first??.stringValue == "second")
            #expect(root["z"]?.members(["a"]).map { $0 == nil } == [true])
            #expect(root["k"]?.members(["k", "z"]).map { $0 == nil } == [true, true], "a string has no members")
        }
    }

    @Test func emptyContainersAndStringsWithBackslashesBeforeTheirQuote() throws {
        try withRaw(#"{"a": [], "b": {}, "c": "x\\", "d": "\\\"", "e": ""}"#) { root in
            #expect(root["a"].map { Array($0.elements).isEmpty } == true)
            #expect(root["b"]?.sortedMembers.isEmpty == true)
            #expect(root["c"]?.stringValue == #"x\"#)
            #expect(root["d"]?.stringValue == #"\""#)
            #expect(root["e"]?.stringValue == "")
        }
    }

    /// Every escape decodes as `JSONDecoder` decodes it, and what it refuses (lone surrogates,
    /// invalid UTF-8) is refused.
    @Test(arguments: [
        #""plain""#, #""tab\tnew\nline\r""#, #""\b\f\/\\\"""#, #""\u00e9\u4e2d\u0000""#, #""\ud83d\ude00 emoji""#,
        #""\uD83D\uDE00""#, #""lone \ud800 high""#, #""lone \udc00 low""#, #""\ud800\u0041""#, #""é direct""#,
    ])
    func stringsDecodeAsJSONDecoderDecodesThem(_ literal: String) throws {
        let expected = try? JSONDecoder().decode(String.self, from: Data(literal.utf8))
        let decoded = Array(literal.utf8).withUnsafeBytes { JSONStringDecoding.decodeValidating($0) }
        #expect(decoded == expected)
    }

    @Test func invalidUTF8IsRefusedWhereJSONDecoderRefusesIt() {
        let literal: [UInt8] = [0x22, 0x61, 0xFF, 0x62, 0x22]
        #expect(literal.withUnsafeBytes { JSONStringDecoding.decodeValidating($0) } == nil)
        #expect((try? JSONDecoder().decode(String.self, from: Data(literal))) == nil)
    }
}
