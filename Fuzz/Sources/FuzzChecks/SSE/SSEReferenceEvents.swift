/// Where events end in a whole stream, read straight from the SSE grammar: lines end in
/// CRLF, LF or CR, and an empty line ends an event.
///
/// Written apart from `SSEEventSplitter`, with the whole input in view, so the splitter's
/// incremental answer has something independent to be compared with.
struct SSEReferenceEvents {
    /// Offsets just past each event's blank line (past the LF of a CRLF).
    let ends: [Int]
    /// Where the bytes after the last complete event begin.
    var tailStart: Int { ends.last ?? 0 }

    init(_ bytes: [UInt8]) {
        var ends: [Int] = []
        var lineStart = 0
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            guard byte == 0x0A || byte == 0x0D else {
                offset += 1
                continue
            }
            var next = offset + 1
            if byte == 0x0D, next < bytes.count, bytes[next] == 0x0A { next += 1 }
            if offset == lineStart { ends.append(next) }
            offset = next
            lineStart = next
        }
        self.ends = ends
    }

    /// The byte ranges of the complete events.
    var ranges: [Range<Int>] {
        zip([0] + ends, ends).map { $0..<$1 }
    }

    /// An end a splitter reported before seeing the LF that completes a CRLF, moved past it.
    ///
    /// A splitter fed in chunks cannot wait for that LF; it hands it to the next event
    /// instead, where it reads as an empty line and changes nothing.
    static func normalized(_ end: Int, in bytes: [UInt8]) -> Int {
        end < bytes.count && bytes[end - 1] == 0x0D && bytes[end] == 0x0A ? end + 1 : end
    }
}
