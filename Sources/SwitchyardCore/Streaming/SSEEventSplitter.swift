/// Finds where server-sent events end in a byte stream, across arbitrary chunk boundaries.
///
/// An event ends at an empty line; lines end in `\n`, `\r\n` or `\r` (the SSE grammar).
/// The splitter keeps only two values of state, so scanning costs one pass over each byte.
public struct SSEEventSplitter: Sendable {
    private var lineLength = 0
    private var previousWasCR = false

    public init() {}

    /// Feeds bytes and returns the offsets (within `bytes`) just past each event's end.
    public mutating func boundaries(in bytes: UnsafeRawBufferPointer) -> [Int] {
        var ends: [Int] = []
        for offset in 0..<bytes.count {
            let byte = bytes[offset]
            if previousWasCR && byte == 0x0A {
                // The LF of a CRLF: the line already ended at the CR.
                previousWasCR = false
                if ends.last == offset { ends[ends.count - 1] = offset + 1 }
                continue
            }
            previousWasCR = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                if lineLength == 0 { ends.append(offset + 1) }
                lineLength = 0
            } else {
                lineLength += 1
            }
        }
        return ends
    }
}

/// The `data` of one server-sent event, joined across `data:` lines as the SSE spec says.
public enum SSEData {
    public static func payload(of event: UnsafeRawBufferPointer) -> [UInt8]? {
        var result: [UInt8]?
        var lineStart = 0
        var offset = 0
        func takeLine(_ range: Range<Int>) {
            let line = UnsafeRawBufferPointer(rebasing: event[range])
            guard line.count >= 5, line[0] == UInt8(ascii: "d"), line[1] == UInt8(ascii: "a"),
                line[2] == UInt8(ascii: "t"), line[3] == UInt8(ascii: "a"), line[4] == UInt8(ascii: ":")
            else {
                if line.count == 4, Array(line) == Array("data".utf8) {
                    if result == nil { result = [] } else { result!.append(0x0A) }
                }
                return
            }
            var valueStart = 5
            if line.count > 5, line[5] == 0x20 { valueStart = 6 }
            if result == nil { result = [] } else { result!.append(0x0A) }
            result!.append(contentsOf: line[valueStart...])
        }
        while offset < event.count {
            let byte = event[offset]
            if byte == 0x0A || byte == 0x0D {
                takeLine(lineStart..<offset)
                if byte == 0x0D, offset + 1 < event.count, event[offset + 1] == 0x0A { offset += 1 }
                lineStart = offset + 1
            }
            offset += 1
        }
        if lineStart < event.count { takeLine(lineStart..<event.count) }
        return result
    }
}
