import Foundation
import NIOCore
import Testing

@testable import SwitchyardCore

@Suite struct JSONScannerTests {
    func index(_ text: String) throws(JSONSyntaxError) -> JSONObjectIndex {
        let bytes = Array(text.utf8)
        let result: Result<JSONObjectIndex, JSONSyntaxError> = bytes.withUnsafeBytes { raw in Result { () throws(JSONSyntaxError) in try JSONScanner.indexObject(raw) } }
        return try result.get()
    }

    @Test func findsTopLevelMembersAndTheirKinds() throws {
        let text = #"{"model": "gpt-4o", "stream": true, "n": -1.5e3, "messages": [{"role":"user","content":"hi \"there\""}], "x": null, "o": {"a": [1, {}]}}"#
        let found = try index(text)
        #expect(found.members.map(\.key) == ["model", "stream", "n", "messages", "x", "o"])
        #expect(found.members.map(\.kind) == [.string, .bool, .number, .array, .null, .object])
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            #expect(found.string("model", in: raw) == "gpt-4o")
            #expect(found.bool("stream", in: raw) == true)
        }
        let messages = try #require(found.member("messages"))
        #expect(String(decoding: bytes[messages.valueRange], as: UTF8.self) == #"[{"role":"user","content":"hi \"there\""}]"#)
    }

    @Test func decodesEscapedKeysAndValues() throws {
        let text = #"{"mo\u0064el": "a\/b\u00e9"}"#
        let found = try index(text)
        #expect(found.members.first?.key == "model")
        Array(text.utf8).withUnsafeBytes { raw in
            #expect(found.string("model", in: raw) == "a/bé")
        }
    }

    @Test(arguments: [
        ("", "empty body"),
        ("[1,2]", "expected a JSON object"),
        (#"{"a":1"#, "unexpected end of data"),
        (#"{"a":1,}"#, "expected a member name in quotes"),
        (#"{"a":tru}"#, "invalid literal"),
        (#"{"a":01}"#, "expected ',' or '}'"),
        (#"{"a":"x"} extra"#, "unexpected data after"),
        (#"{"a":"\q"}"#, "invalid escape"),
        ("{\"a\":\"line\nbreak\"}", "unescaped control character"),
        (#"{"a":[1 2]}"#, "expected ',' or ']'"),
        (#"{"a":-}"#, "expected a digit"),
        (#"{"a":1.}"#, "a digit after '.'"),
        (#"{"a" 1}"#, "':' after a member name"),
        (#"{"a":"unterminated}"#, "unterminated string"),
    ])
    func rejectsMalformedJSONWithAReason(input: String, reason: String) {
        do {
            _ = try index(input)
            Issue.record("accepted \(input)")
        } catch {
            #expect(error.description.contains(reason), "\(error.description)")
        }
    }

    @Test func refusesPathologicalNesting() {
        let deep = #"{"a":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        #expect(throws: JSONSyntaxError.self) { try index(deep) }
    }

    @Test func acceptsEverythingFoundationAccepts() throws {
        let samples = [
            #"{}"#, #"{ }"#, "{\n\t\"a\" :\r\n 1 }", #"{"a":0,"b":-0.0,"c":1E+2,"d":2e-3,"e":[],"f":{},"g":""}"#,
            #"{"emoji":"😀 \ud83d\ude00","nested":{"deep":[[[{"x":[true,false,null]}]]]}}"#,
        ]
        for sample in samples {
            #expect(throws: Never.self) { try index(sample) }
            #expect((try? JSONSerialization.jsonObject(with: Data(sample.utf8))) != nil)
        }
    }
}

@Suite struct JSONObjectEditTests {
    func edited(_ text: String, _ build: (inout JSONObjectEdit) -> Void) throws -> String {
        let bytes = Array(text.utf8)
        var edit = JSONObjectEdit()
        build(&edit)
        var buffer = ByteBuffer()
        try bytes.withUnsafeBytes { raw in
            let index = try JSONScanner.indexObject(raw)
            edit.apply(to: raw, index: index, into: &buffer)
        }
        return String(buffer: buffer)
    }

    @Test func replacingAValueKeepsEveryOtherByte() throws {
        let text = "{\n  \"model\": \"alias\",\n  \"messages\": [ {\"role\": \"user\"} ],\n  \"custom\": {\"k\": 1}\n}"
        let out = try edited(text) { $0.set("model", string: "gpt-4o-2024") }
        #expect(out == "{\n  \"model\": \"gpt-4o-2024\",\n  \"messages\": [ {\"role\": \"user\"} ],\n  \"custom\": {\"k\": 1}\n}")
    }

    @Test func removingMembersAnywhereLeavesValidJSON() throws {
        let text = #"{"a":1, "b":2, "c":3, "d":4}"#
        for removal in [["a"], ["b"], ["d"], ["a", "b"], ["c", "d"], ["a", "d"], ["a", "b", "c", "d"]] {
            let out = try edited(text) { edit in removal.forEach { edit.remove($0) } }
            let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Int], "\(out)")
            #expect(Set(object.keys) == Set(["a", "b", "c", "d"]).subtracting(removal), "\(out)")
        }
    }

    @Test func addingAMemberToEmptyAndNonEmptyObjects() throws {
        #expect(try edited("{}") { $0.set("x", rawJSON: Array("true".utf8)) } == #"{"x":true}"#)
        #expect(try edited(#"{"a":1}"#) { $0.set("x", string: "q\"") } == #"{"a":1,"x":"q\""}"#)
        #expect(try edited(#"{"a":1}"#) { $0.remove("a"); $0.set("b", rawJSON: Array("2".utf8)) } == #"{"b":2}"#)
    }

    @Test func duplicateKeysCollapseToTheEditedValue() throws {
        let out = try edited(#"{"model":"a","x":1,"model":"b"}"#) { $0.set("model", string: "c") }
        #expect(out == #"{"x":1,"model":"c"}"#)
    }
}
