import Testing

@testable import SwitchyardCore

/// The mock's Cohere rerank endpoint.
@Suite struct MockRerankTests {
    private static let request = #"{"model":"rerank-v3.5","query":"red apple pie","documents":["green pear","apple pie recipe","red apple pie","pie"],"top_n":3}"#

    @Test("v2: sorted by word overlap, ties by index, top_n applied, no documents", arguments: ["/v2/rerank", "/v1/rerank", "/rerank"])
    func ranks(path: String) throws {
        let answer = MockMedia.post(path, json: Self.request)
        #expect(answer.status == 200)
        let body = try MockMedia.object(answer)
        let results = try #require(body["results"] as? [[String: Any]])
        #expect(results.compactMap { $0["index"] as? Int } == [2, 1, 3])
        let scores = results.compactMap { $0["relevance_score"] as? Double }
        #expect(scores[0] == 1)
        #expect(abs(scores[1] - 2.0 / 3) < 1e-12)
        #expect(abs(scores[2] - 1.0 / 3) < 1e-12)
        #expect(results.allSatisfy { $0["document"] == nil })
        let meta = try #require(body["meta"] as? [String: Any])
        #expect((meta["billed_units"] as? [String: Any])?["search_units"] as? Int == 1)
        #expect((meta["api_version"] as? [String: Any])?["version"] as? String == (path == "/v2/rerank" ? "2" : "1"))
        let id = try #require(body["id"] as? String)
        #expect(id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(MockMedia.bytes(MockMedia.post(path, json: Self.request)) == MockMedia.bytes(answer))
    }

    @Test("v1 returns documents when asked, and takes {text} objects")
    func documents() throws {
        let request = #"{"model":"rerank-english-v3.0","query":"pie","documents":[{"text":"apple pie"},"cake"],"return_documents":true}"#
        let results = try #require(try MockMedia.object(MockMedia.post("/v1/rerank", json: request))["results"] as? [[String: Any]])
        #expect(results.count == 2)
        #expect((results[0]["document"] as? [String: Any])?["text"] as? String == "apple pie")
        #expect(results[1]["relevance_score"] as? Double == 0)
        let v2 = try #require(try MockMedia.object(MockMedia.post("/v2/rerank", json: request))["results"] as? [[String: Any]])
        #expect(v2.allSatisfy { $0["document"] == nil })
    }

    @Test("errors in Cohere's shape", arguments: [
        #"{"model":"r","query":"q","documents":[]}"#, #"{"model":"r","documents":["a"]}"#,
        #"{"model":"r","query":"q","documents":[1]}"#, #"{"model":"r","query":"q","documents":["a"],"top_n":0}"#,
    ])
    func errors(request: String) throws {
        let answer = MockMedia.post("/v2/rerank", json: request)
        #expect(answer.status == 400)
        #expect(try MockMedia.object(answer)["message"] is String)
    }

    @Test("the failure marker answers in Cohere's shape")
    func failure() throws {
        let answer = MockMedia.post("/v2/rerank", json: #"{"model":"r","query":"[[mock:status=429]]","documents":["a"]}"#)
        #expect(answer.status == 429)
        #expect(answer.retryAfter == 1)
        #expect(try MockMedia.object(answer)["message"] is String)
    }
}
