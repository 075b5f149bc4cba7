import Foundation
import SwitchyardCore
import Testing

/// The canonical form read from bytes is the one the decoded value gives, so the cache key
/// needs no `JSONValue`.
@Suite struct CanonicalJSONRawTests {
    @Test(arguments: [
        #"{"b":1,"a":[1.0,2e0,-0,{"z":null,"y":true}],"s":"plain"}"#,
        #"{ "s" : "esc\"aped \\ \u00e9 \n tab\t" , "n": 1.5e-3, "big": 123456789012 }"#,
        #"{"ünï":"x","":""}"#,
        #"{"messages":[{"role":"user","content":[{"type":"text","text":"hi \ud83d\ude00"}]}],"temperature":0.70}"#,
    ])
    func rawAndDecodedGiveTheSameText(_ json: String) throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        var raw: [UInt8] = []
        try Array(json.utf8).withUnsafeBytes { bytes in try CanonicalJSON.encode(raw: bytes, kind: .object, into: &raw) }
        #expect(String(decoding: raw, as: UTF8.self) == String(decoding: CanonicalJSON.encode(value), as: UTF8.self))
    }

    /// A duplicated key keeps its last value, as the upstream's parser reads it.
    @Test func theLastOfADuplicatedKeyWins() throws {
        var raw: [UInt8] = []
        try Array(#"{"dup":1,"dup":2}"#.utf8).withUnsafeBytes { bytes in try CanonicalJSON.encode(raw: bytes, kind: .object, into: &raw) }
        #expect(String(decoding: raw, as: UTF8.self) == #"{"dup":2}"#)
    }

    @Test func skippedMembersAreLeftOut() throws {
        var raw: [UInt8] = []
        try Array(#"{"model":"m","user":"u","cache":{"no-cache":true}}"#.utf8).withUnsafeBytes { bytes in
            try CanonicalJSON.encode(raw: bytes, kind: .object, skipping: ["user", "cache"], into: &raw)
        }
        #expect(String(decoding: raw, as: UTF8.self) == #"{"model":"m"}"#)
    }
}
