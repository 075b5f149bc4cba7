import Foundation
import NIOCore
import Testing

@testable import SwitchyardCore

@Suite struct OpenAIStreamRelayTests {
    static let chunk1 = #"data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}"#
    static let chunk2 = #"data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}],"usage":null}"#
    static let finish = #"data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}"#
    static let usage = #"data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"prompt_tokens_details":{"cached_tokens":4}}}"#
    static let done = "data: [DONE]"

    static func stream(_ separator: String) -> String {
        [chunk1, chunk2, finish, usage, done].map { $0 + separator + separator }.joined()
    }

    /// Feeds `text` split into pieces of `size` bytes; returns what the client got.
    func relay(_ text: String, size: Int, dropUsage: Bool) -> (String, OpenAIStreamRelay, [Int]) {
        var relay = OpenAIStreamRelay(dropUsageOnlyChunk: dropUsage)
        let bytes = Array(text.utf8)
        var out = ""
        var writeSizes: [Int] = []
        var offset = 0
        while offset < bytes.count {
            let piece = ByteBuffer(bytes: bytes[offset..<min(offset + size, bytes.count)])
            for slice in relay.process(piece) {
                writeSizes.append(slice.readableBytes)
                out += String(buffer: slice)
            }
            offset += size
        }
        if let rest = relay.finish() { out += String(buffer: rest) }
        return (out, relay, writeSizes)
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func passesEverythingThroughUnchangedAtEveryChunkSize(separator: String) {
        let text = Self.stream(separator)
        for size in [1, 2, 3, 7, 64, 200, text.utf8.count] {
            let (out, relay, _) = relay(text, size: size, dropUsage: false)
            #expect(out == text, "chunk size \(size)")
            #expect(relay.usage?.promptTokens == 9)
            #expect(relay.usage?.promptTokensDetails?.cachedTokens == 4)
            #expect(relay.sawDone)
        }
    }

    @Test(arguments: ["\n", "\r\n"])
    func dropsOnlyTheUsageChunkTheClientDidNotAskFor(separator: String) {
        let text = Self.stream(separator)
        let expected = [Self.chunk1, Self.chunk2, Self.finish, Self.done].map { $0 + separator + separator }.joined()
        for size in [1, 5, 33, text.utf8.count] {
            let (out, relay, _) = relay(text, size: size, dropUsage: true)
            #expect(out == expected, "chunk size \(size)")
            #expect(relay.usage?.completionTokens == 2)
        }
    }

    @Test func forwardsOnlyCompleteEventsAndAsSoonAsTheyAreComplete() {
        var relay = OpenAIStreamRelay(dropUsageOnlyChunk: false)
        let event = Self.chunk2 + "\n\n"
        let split = event.utf8.count - 1
        let first = relay.process(ByteBuffer(string: String(event.prefix(split))))
        #expect(first.isEmpty)
        let second = relay.process(ByteBuffer(string: String(event.suffix(1))))
        #expect(second.map { String(buffer: $0) }.joined() == event)
    }

    @Test func aWholeChunkOfCompleteEventsGoesOutAsOneWrite() {
        let text = Self.stream("\n")
        let (_, _, writes) = relay(text, size: text.utf8.count, dropUsage: false)
        #expect(writes == [text.utf8.count])
    }

    /// Found by `Fuzz/`'s FuzzSSE checks: a usage event whose `choices` is a one-byte value
    /// made the relay slice an inverted range and trap, taking the gateway down.
    @Test(arguments: ["\"choices\":7", "\"choices\":\"\"", "\"choices\":{}", "\"choices\":null"])
    func keepsAUsageEventWhoseChoicesIsNotAnArray(choices: String) {
        let event = #"data: {"# + choices + #","usage":{"prompt_tokens":1,"completion_tokens":2}}"# + "\n\n"
        let (out, relay, _) = relay(event, size: event.utf8.count, dropUsage: true)
        #expect(out == event)
        #expect(relay.usage?.completionTokens == 2)
    }

    @Test func extractsTheDataPayloadPerTheSSEGrammar() {
        let event = "event: x\nid: 3\ndata: line one\ndata:line two\n: comment\n\n"
        let payload = Array(event.utf8).withUnsafeBytes { SSEData.payload(of: $0) }
        #expect(payload.map { String(decoding: $0, as: UTF8.self) } == "line one\nline two")
    }
}
