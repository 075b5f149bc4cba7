import Foundation
import NIOCore
import SwitchyardCore
import Testing

@Suite struct UsageReaderTests {
    /// The recorded Anthropic stream relayed untouched at every chunk size, its usage read on the way.
    @Test func anthropicStreamUsageIsReadAtEveryChunkSize() throws {
        let url = try #require(Bundle.module.url(forResource: "tool_use_stream", withExtension: "sse", subdirectory: "Fixtures/anthropic"))
        let bytes = Array(try Data(contentsOf: url))
        for size in [1, 2, 3, 7, 64, bytes.count] {
            var relay = OpenAIStreamRelay(dropUsageOnlyChunk: true, usageDialect: .anthropic)
            var out: [UInt8] = []
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + size, bytes.count)
                for slice in relay.process(ByteBuffer(bytes: bytes[offset..<end])) { out += Array(slice.readableBytesView) }
                offset = end
            }
            if let rest = relay.finish() { out += Array(rest.readableBytesView) }
            #expect(out == bytes, "chunk size \(size): bytes pass through unchanged")
            #expect(relay.usage?.promptTokens == 472, "chunk size \(size)")
            #expect(relay.usage?.completionTokens == 89, "chunk size \(size)")
        }
    }

    @Test func wholeAnswersOfEachDialect() {
        func read(_ text: String, _ dialect: UsageReader.Dialect) -> Usage? {
            Array(text.utf8).withUnsafeBytes { UsageReader.usage(inWhole: $0, dialect: dialect) }
        }
        let anthropic = read(
            #"{"id":"m","type":"message","content":[],"usage":{"input_tokens":10,"cache_read_input_tokens":90,"cache_creation_input_tokens":5,"output_tokens":7}}"#,
            .anthropic
        )
        #expect(anthropic?.promptTokens == 105)
        #expect(anthropic?.promptTokensDetails?.cachedTokens == 90)
        #expect(anthropic?.completionTokens == 7)
        let gemini = read(#"{"candidates":[],"usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":3,"totalTokenCount":15}}"#, .gemini)
        #expect(gemini?.promptTokens == 12)
        #expect(gemini?.completionTokens == 3)
        let openAI = read(#"{"choices":[],"usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}}"#, .openAI)
        #expect(openAI?.totalTokens == 6)
        #expect(read(#"{"choices":[]}"#, .openAI) == nil)
    }

    @Test func cacheWritesAndReadsArePricedAtTheirOwnRates() {
        var usage = Usage(promptTokens: 105, completionTokens: 7, promptTokensDetails: .init(cachedTokens: 90))
        usage.extra["cache_creation_input_tokens"] = .number(5)
        let info = ModelInfo(inputCostPerToken: 1, outputCostPerToken: 10, cacheReadInputTokenCost: 0.1, cacheCreationInputTokenCost: 2)
        let cost = CostCalculator.cost(of: usage, modelInfo: info)
        #expect(cost.map { abs($0 - (10 * 1 + 90 * 0.1 + 5 * 2 + 7 * 10)) < 1e-9 } == true)
    }

    @Test func theBuiltInPriceTableKnowsDatedAndBedrockIDs() {
        #expect(PriceTable.modelInfo(for: "gpt-4o-2024-08-06")?.inputCostPerToken == 2.5e-6)
        #expect(PriceTable.modelInfo(for: "gpt-4o-mini-2024-07-18")?.inputCostPerToken == 1.5e-7)
        #expect(PriceTable.modelInfo(for: "us.anthropic.claude-3-5-haiku-20241022-v1:0")?.outputCostPerToken == 4e-6)
        #expect(PriceTable.modelInfo(for: "claude-sonnet-4-5-20250929")?.cacheCreationInputTokenCost == 3.75e-6)
        #expect(PriceTable.modelInfo(for: "my-own-finetune") == nil)
    }
}

@Suite struct HotPathFormattingTests {
    @Test(arguments: [
        (0.0, "0"), (1.0, "1"), (0.000025, "0.000025"), (0.0000000001, "0.0000000001"), (12.5, "12.5"),
        (0.00000000004, "0"), (3.14159265358979, "3.1415926536"), (0.1 + 0.2, "0.3"), (1234567.000001, "1234567.000001"),
    ])
    func costsArePlainDecimals(amount: Double, text: String) {
        #expect(CostCalculator.format(amount) == text)
    }

    @Test func usageIsScannedWithItsDetails() {
        let json = #"{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19,"prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":3}}"#
        let usage = Array(json.utf8).withUnsafeBytes { Usage(scanning: $0) }
        #expect(usage?.promptTokens == 12 && usage?.completionTokens == 7 && usage?.totalTokens == 19)
        #expect(usage?.promptTokensDetails?.cachedTokens == 4)
        #expect(usage?.completionTokensDetails?.reasoningTokens == 3)
        #expect(Array(#"{"prompt_tokens":1.5}"#.utf8).withUnsafeBytes { Usage(scanning: $0) }?.promptTokens == 0)
    }
}

/// Usage read from the last bytes of an answer too large to keep whole.
@Suite struct UsageReaderTailTests {
    static func usage(_ text: String, _ dialect: UsageReader.Dialect = .openAI) -> Usage? {
        Array(text.utf8).withUnsafeBytes { UsageReader.usage(inTail: $0, dialect: dialect) }
    }

    @Test func readsTheUsageAtTheEndOfAnOpenAIAnswerFromItsTail() {
        let tail = #"0.25,-0.125]}],"model":"text-embedding-3-small","usage":{"prompt_tokens":7,"total_tokens":7}}"#
        #expect(Self.usage(tail)?.promptTokens == 7)
        #expect(Self.usage(tail)?.totalTokens == 7)
    }

    @Test func theLastUsageMemberWinsAndBracesInsideStringsDoNotEndIt() {
        let tail = #""content":"say \"usage\": {not this}","usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7,"note":"}{"}}"#
        let usage = Self.usage(tail)
        #expect(usage?.promptTokens == 3)
        #expect(usage?.completionTokens == 4)
    }

    @Test func readsGeminisUsageMetadata() {
        let tail = #"}]}}],"usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":2,"totalTokenCount":7}}"#
        #expect(Self.usage(tail, .gemini)?.promptTokens == 5)
        #expect(Self.usage(tail, .gemini)?.completionTokens == 2)
    }

    @Test func aCutOffOrMissingUsageIsNil() {
        #expect(Self.usage(#""usage":{"prompt_tokens":7,"total_tok"#) == nil)
        #expect(Self.usage(#"[0.1,0.2]}],"model":"m"}"#) == nil)
        #expect(Self.usage(#""usage": 12}"#) == nil)
    }
}
