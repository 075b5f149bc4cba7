extension UsageReader {
    /// Usage in the last bytes of a whole answer too large to keep (CONTRACT §11: large
    /// bodies are streamed through, not buffered). Providers put usage at the end of their
    /// answers, so the last `usage` (`usageMetadata` for Gemini) member found in `tail` is read
    /// as the object it holds; nil if the tail holds no complete one.
    public static func usage(inTail tail: UnsafeRawBufferPointer, dialect: Dialect) -> Usage? {
        let needle = dialect == .gemini ? metadataNeedle : usageNeedle
        // The member alone, as an object of its own, is read as a whole answer is.
        return lastMember(needle, in: tail)?.withUnsafeBytes { usage(inWhole: $0, dialect: dialect) }
    }

    /// The last `"key": {…}` member complete in `tail`, as a one-member object of its own
    /// (`needle` is the quoted key); nil if the tail holds no complete one.
    static func lastMember(_ needle: [UInt8], in tail: UnsafeRawBufferPointer) -> [UInt8]? {
        var found: Int?
        var from = 0
        while let next = OpenAIStreamRelay.firstIndex(of: needle, in: tail, from: from) {
            found = next
            from = next + 1
        }
        guard let key = found, let value = objectRange(in: tail, afterKeyEndingAt: key + needle.count) else { return nil }
        var wrapped = [UInt8(ascii: "{")]
        wrapped.append(contentsOf: needle)
        wrapped.append(UInt8(ascii: ":"))
        wrapped.append(contentsOf: tail[value])
        wrapped.append(UInt8(ascii: "}"))
        return wrapped
    }

    static let usageNeedle = Array(#""usage""#.utf8)
    static let metadataNeedle = Array(#""usageMetadata""#.utf8)

    /// The range of the object that follows `"key"` `:` at `start`, braces balanced outside
    /// strings; nil if what follows is not a complete object.
    static func objectRange(in bytes: UnsafeRawBufferPointer, afterKeyEndingAt start: Int) -> Range<Int>? {
        var offset = start
        func skipSpace() {
            while offset < bytes.count, JSONScanner.isWhitespace(bytes[offset]) { offset += 1 }
        }
        skipSpace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { return nil }
        offset += 1
        skipSpace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "{") else { return nil }
        let begin = offset
        var depth = 0
        var inString = false
        while offset < bytes.count {
            let byte = bytes[offset]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    offset += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") {
                depth += 1
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return begin..<(offset + 1) }
            }
            offset += 1
        }
        return nil
    }
}
