import Testing

@testable import SwitchyardCore

/// The mock's OpenAI moderations endpoint.
@Suite struct MockModerationsTests {
    static let categories = [
        "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent", "self-harm",
        "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence", "violence/graphic",
    ]

    @Test("one result per string, all thirteen categories, trigger words flag", arguments: ["/v1/moderations", "/moderations"])
    func strings(path: String) throws {
        let answer = MockMedia.post(path, json: #"{"model":"omni-moderation-latest","input":["I will KILL the lights","a calm day"]}"#)
        #expect(answer.status == 200)
        let body = try MockMedia.object(answer)
        #expect((body["id"] as? String)?.hasPrefix("modr-") == true)
        #expect(body["model"] as? String == "omni-moderation-latest")
        let results = try #require(body["results"] as? [[String: Any]])
        #expect(results.count == 2)
        for result in results {
            #expect(Set((result["categories"] as? [String: Bool])?.keys ?? [:].keys) == Set(Self.categories))
            #expect(Set((result["category_scores"] as? [String: Double])?.keys ?? [:].keys) == Set(Self.categories))
            #expect(Set((result["category_applied_input_types"] as? [String: [String]])?.keys ?? [:].keys) == Set(Self.categories))
        }
        #expect(results[0]["flagged"] as? Bool == true)
        #expect((results[0]["categories"] as? [String: Bool])?["violence"] == true)
        #expect(((results[0]["category_scores"] as? [String: Double])?["violence"] ?? 0) >= 0.9)
        #expect(results[1]["flagged"] as? Bool == false)
        #expect((results[1]["category_scores"] as? [String: Double])?.values.allSatisfy { $0 < 0.01 } == true)
        #expect((results[1]["category_applied_input_types"] as? [String: [String]])?["violence"] == ["text"])
        #expect(MockMedia.bytes(MockMedia.post(path, json: #"{"model":"omni-moderation-latest","input":["I will KILL the lights","a calm day"]}"#)) == MockMedia.bytes(answer))
    }

    @Test("a string input and the default model")
    func single() throws {
        let body = try MockMedia.object(MockMedia.post("/v1/moderations", json: #"{"input":"pure hate"}"#))
        #expect(body["model"] as? String == "omni-moderation-latest")
        let results = try #require(body["results"] as? [[String: Any]])
        #expect(results.count == 1)
        #expect((results[0]["categories"] as? [String: Bool])?["hate"] == true)
    }

    @Test("multimodal parts give one result; images apply where omni-moderation reads them")
    func multimodal() throws {
        let request = #"{"model":"omni-moderation-latest","input":[{"type":"text","text":"hello"},{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}"#
        let body = try MockMedia.object(MockMedia.post("/v1/moderations", json: request))
        let results = try #require(body["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let applied = try #require(results[0]["category_applied_input_types"] as? [String: [String]])
        #expect(applied["violence"] == ["text", "image"])
        #expect(applied["hate"] == ["text"])
    }

    @Test("missing or malformed input is a 400; the failure marker works")
    func errors() throws {
        #expect(MockMedia.post("/v1/moderations", json: #"{"model":"m"}"#).status == 400)
        #expect(MockMedia.post("/v1/moderations", json: #"{"input":[]}"#).status == 400)
        #expect(MockMedia.post("/v1/moderations", json: #"{"input":[{"type":"audio"}]}"#).status == 400)
        #expect(MockMedia.post("/v1/moderations", json: #"{"input":"[[mock:status=500]]"}"#).status == 500)
    }
}
