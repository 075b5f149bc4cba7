import Foundation
import Testing

@testable import SwitchyardCore

/// Cohere rerank requests to Jina and Voyage, and their answers back in Cohere v1 and v2 shape.
@Suite struct RerankTranslationTests {
    typealias J = GeminiTestJSON

    static let cohere = #"""
        {"model": "rerank-english-v3.0", "query": "What is the capital of the United States?",
         "documents": ["Carson City is the capital city of the American state of Nevada.",
                       {"text": "Washington, D.C. is the capital of the United States.", "id": "doc-2"}],
         "top_n": 2, "return_documents": true}
        """#

    /// A Jina answer as its API reference shows it.
    static let jinaAnswer = #"""
        {"model": "jina-reranker-v2-base-multilingual", "usage": {"total_tokens": 815},
         "results": [{"index": 1, "document": {"text": "Washington, D.C. is the capital of the United States."}, "relevance_score": 0.9804},
                     {"index": 0, "document": {"text": "Carson City is the capital city of the American state of Nevada."}, "relevance_score": 0.1205}]}
        """#

    /// A Voyage answer as its API reference shows it.
    static let voyageAnswer = #"""
        {"object": "list", "data": [{"relevance_score": 0.4375, "index": 1}, {"relevance_score": 0.421875, "index": 0}],
         "model": "rerank-2", "usage": {"total_tokens": 26}}
        """#

    @Test func cohereBecomesJina() throws {
        let request = try JinaRerankRequest(cohere: J.decode(RerankRequest.self, Self.cohere), model: "jina-reranker-v2-base-multilingual")
        #expect(try J.wire(request) == J.tree(#"""
            {"model": "jina-reranker-v2-base-multilingual", "query": "What is the capital of the United States?",
             "documents": ["Carson City is the capital city of the American state of Nevada.",
                           "Washington, D.C. is the capital of the United States."],
             "top_n": 2, "return_documents": false}
            """#))
    }

    @Test func cohereBecomesVoyage() throws {
        var cohere = try J.decode(RerankRequest.self, Self.cohere)
        cohere.extra["truncation"] = true
        let request = try VoyageRerankRequest(cohere: cohere, model: "rerank-2")
        #expect(try J.wire(request) == J.tree(#"""
            {"query": "What is the capital of the United States?",
             "documents": ["Carson City is the capital city of the American state of Nevada.",
                           "Washington, D.C. is the capital of the United States."],
             "model": "rerank-2", "top_k": 2, "return_documents": false, "truncation": true}
            """#))
    }

    @Test func objectDocumentsAreFlattenedOnTheirRankFields() throws {
        let request = try J.decode(RerankRequest.self, #"""
            {"query": "q", "rank_fields": ["title", "body"],
             "documents": [{"title": "Nevada", "body": "Carson City", "year": 1864}, {"body": "Only a body", "stars": 4.5}, "plain"]}
            """#)
        #expect(try request.rankedTexts() == ["title: Nevada\nbody: Carson City", "body: Only a body", "plain"])
        var single = request
        single.rankFields = ["stars"]
        single.documents = [.object(["stars": 4.5])]
        #expect(try single.rankedTexts() == ["4.5"])
    }

    @Test func refusalsNameTheField() throws {
        let missing = try J.decode(RerankRequest.self, #"{"query": "q", "documents": ["a", {"title": "no text"}]}"#)
        #expect(J.rejectedParam { _ = try JinaRerankRequest(cohere: missing, model: "m") } == "documents[1]")
        let empty = try J.decode(RerankRequest.self, #"{"query": "q", "documents": []}"#)
        #expect(J.rejectedParam { _ = try VoyageRerankRequest(cohere: empty, model: "m") } == "documents")
        let zero = try J.decode(RerankRequest.self, #"{"query": "q", "documents": ["a"], "top_n": 0}"#)
        #expect(J.rejectedParam { _ = try VoyageRerankRequest(cohere: zero, model: "m") } == "top_n")
        let noQuery = try J.decode(RerankRequest.self, #"{"query": "", "documents": ["a"]}"#)
        #expect(J.rejectedParam { _ = try JinaRerankRequest(cohere: noQuery, model: "m") } == "query")
    }

    @Test func jinaAnswerBecomesCohereV1WithDocuments() throws {
        let request = try J.decode(RerankRequest.self, Self.cohere)
        let answer = try J.decode(JinaRerankResponse.self, Self.jinaAnswer)
        let response = try RerankResponse(jina: answer, request: request, version: .v1, id: "rr-1")
        #expect(try J.wire(response) == J.tree(#"""
            {"id": "rr-1",
             "results": [{"index": 1, "relevance_score": 0.9804,
                          "document": {"text": "Washington, D.C. is the capital of the United States.", "id": "doc-2"}},
                         {"index": 0, "relevance_score": 0.1205,
                          "document": {"text": "Carson City is the capital city of the American state of Nevada."}}],
             "meta": {"api_version": {"version": "1"}, "billed_units": {"search_units": 1},
                      "tokens": {"input_tokens": 815, "output_tokens": 0}}}
            """#))
        #expect(Usage(rerankTokens: try #require(answer.totalTokens)) == Usage(promptTokens: 815, completionTokens: 0))
    }

    @Test func voyageAnswerBecomesCohereV2WithoutDocuments() throws {
        let request = try J.decode(RerankRequest.self, Self.cohere)
        let answer = try J.decode(VoyageRerankResponse.self, Self.voyageAnswer)
        let response = try RerankResponse(voyage: answer, request: request, version: .v2, id: "rr-2")
        #expect(try J.wire(response) == J.tree(#"""
            {"id": "rr-2",
             "results": [{"index": 1, "relevance_score": 0.4375}, {"index": 0, "relevance_score": 0.421875}],
             "meta": {"api_version": {"version": "2"}, "billed_units": {"search_units": 1},
                      "tokens": {"input_tokens": 26, "output_tokens": 0}}}
            """#))
        #expect(answer.totalTokens == 26)
    }

    @Test func v1WithoutReturnDocumentsHasNone() throws {
        var request = try J.decode(RerankRequest.self, Self.cohere)
        request.returnDocuments = false
        let answer = try J.decode(JinaRerankResponse.self, Self.jinaAnswer)
        let response = try RerankResponse(jina: answer, request: request, version: .v1, id: "rr")
        #expect(response.results.allSatisfy { $0.document == nil })
    }

    @Test func searchUnitsCountEachHundredDocuments() throws {
        let request = RerankRequest(query: "q", documents: (0..<250).map { .text("d\($0)") })
        let response = try RerankResponse(voyage: VoyageRerankResponse(data: []), request: request, version: .v2, id: "x")
        #expect(response.meta?.billedUnits?.searchUnits == 3)
        #expect(response.meta?.tokens == nil)
    }

    @Test func anIndexOutsideTheRequestIsAnUpstreamError() throws {
        let request = try J.decode(RerankRequest.self, Self.cohere)
        let answer = VoyageRerankResponse(data: [RerankResult(index: 5, relevanceScore: 0.5)])
        let error = MediaTestSupport.gatewayError { _ = try RerankResponse(voyage: answer, request: request, version: .v2, id: "x") }
        #expect(error?.status == 502)
    }
}
