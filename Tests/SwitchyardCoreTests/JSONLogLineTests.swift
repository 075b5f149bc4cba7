import Foundation
import Logging
import SwitchyardCore
import Testing

@Suite struct JSONLogLineTests {
    static let time = Date(timeIntervalSince1970: 1_796_558_400.1239)  // 2026-12-06T12:00:00.123Z

    static func line(_ message: String, metadata: Logger.Metadata = [:], label: String = "switchyard") throws -> (text: String, object: [String: Any]) {
        let bytes = JSONLogLine.render(time: time, level: .warning, message: message, label: label, metadata: metadata)
        let text = try #require(String(validating: bytes, as: UTF8.self))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        return (text, object)
    }

    @Test func aLineIsOneJSONObjectWithTheFixedMembersFirst() throws {
        let (text, object) = try Self.line("request failed", metadata: ["switchyard.request_id": "req-1", "switchyard.provider": "openai"])
        #expect(text.hasPrefix(#"{"timestamp":"2026-12-06T12:00:00.123Z","level":"warning","message":"request failed","logger":"switchyard","request_id":"req-1","#))
        #expect(text.hasSuffix("}\n"))
        #expect(text.filter { $0 == "\n" }.count == 1)
        #expect(object["switchyard.provider"] as? String == "openai")
        #expect(object["switchyard.request_id"] == nil, "the request id is lifted, not repeated")
    }

    @Test func controlCharactersQuotesAndLineSeparatorsAreEscaped() throws {
        let nasty = "line one\nline two\r\t\"quoted\" back\\slash \u{0}\u{1}\u{1B}[31m \u{7F} \u{2028}\u{2029} é 🚦"
        let (text, object) = try Self.line(nasty, metadata: ["switchyard.error": .string(nasty)])
        #expect(object["message"] as? String == nasty)
        #expect(object["switchyard.error"] as? String == nasty)
        #expect(!text.dropLast().contains("\n") && !text.contains("\r") && !text.contains("\u{2028}") && !text.contains("\u{1B}"))
        #expect(text.contains(#"\u0000\u0001\u001b[31m \u007f \u2028\u2029 é 🚦"#))
        #expect(text.contains(#"line one\nline two\r\t\"quoted\" back\\slash"#))
    }

    @Test func undecodableBytesArriveAsReplacementCharacters() throws {
        let broken = String(decoding: [0x61, 0xFF, 0xFE, 0xC3, 0x62], as: UTF8.self)
        let (_, object) = try Self.line(broken)
        #expect(object["message"] as? String == "a\u{FFFD}\u{FFFD}\u{FFFD}b")
    }

    @Test func numbersStayNumbersAndEverythingElseIsAString() throws {
        struct Opaque: CustomStringConvertible, Sendable { var description: String { "opaque \"thing\"" } }
        let (text, object) = try Self.line("m", metadata: [
            "switchyard.status": .stringConvertible(502), "switchyard.seconds": .stringConvertible(1.5),
            "switchyard.infinite": .stringConvertible(Double.infinity), "switchyard.flag": .stringConvertible(true),
            "switchyard.opaque": .stringConvertible(Opaque()), "switchyard.list": ["a", .stringConvertible(2)],
            "switchyard.map": ["k": "v\n"],
        ])
        #expect(text.contains(#""switchyard.status":502"#))
        #expect(object["switchyard.seconds"] as? Double == 1.5)
        #expect(object["switchyard.infinite"] as? String == "inf")
        #expect(object["switchyard.flag"] as? Bool == true)
        #expect(object["switchyard.opaque"] as? String == "opaque \"thing\"")
        #expect(object["switchyard.list"] as? [AnyHashable] == ["a", 2])
        #expect((object["switchyard.map"] as? [String: String])?["k"] == "v\n")
    }

    @Test func metadataNamedLikeAFixedMemberIsKeptApart() throws {
        let (_, object) = try Self.line("the message", metadata: ["message": "other", "level": "x"])
        #expect(object["message"] as? String == "the message")
        #expect(object["level"] as? String == "warning")
        #expect(object["metadata.message"] as? String == "other")
        #expect(object["metadata.level"] as? String == "x")
    }

    @Test func timestampsAreUTCWithMilliseconds() {
        #expect(JSONLogLine.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(JSONLogLine.timestamp(Date(timeIntervalSince1970: 951_782_400.5)) == "2000-02-29T00:00:00.500Z")
        #expect(JSONLogLine.timestamp(Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59.750Z")
    }
}
