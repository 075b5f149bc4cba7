import SwitchyardCore
import Testing

/// Keys counted in a document read piece by piece: the same count wherever it is split.
@Suite struct JSONKeyCounterTests {
    static let answer = #"{"created":1,"data":[{"b64_json":"iVBORw0K"},{"url":"https://x/\"url\"/a.png"},{"b64_json" : "QUJD"}],"usage":{"input_tokens":3}}"#

    @Test func everyKeyIsCountedOnceWhereverThePiecesSplit() {
        let bytes = Array(Self.answer.utf8)
        for size in 1...bytes.count {
            var counter = JSONKeyCounter(keys: ["b64_json", "url"])
            var offset = 0
            while offset < bytes.count {
                let piece = Array(bytes[offset..<min(bytes.count, offset + size)])
                piece.withUnsafeBytes { counter.scan($0) }
                offset += size
            }
            #expect(counter.count == 3, "pieces of \(size) bytes")
        }
    }

    @Test func anEscapedQuoteInAStringIsNotAKey() {
        var counter = JSONKeyCounter(keys: ["markdown"])
        Array(#"{"pages":[{"markdown":"say \"markdown\" twice"}]}"#.utf8).withUnsafeBytes { counter.scan($0) }
        // Inside the string the name ends with a backslash before its quote, so it never matches.
        #expect(counter.count == 1)
    }
}
