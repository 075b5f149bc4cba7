import Foundation
import NIOCore

/// Forwards an OpenAI-dialect event stream unchanged, event by event, while reading usage.
///
/// Bytes are forwarded as slices of what arrived, never re-encoded. Only complete events go
/// out, so one event the client did not ask for — the usage-only chunk the gateway
/// requested for its own accounting — can be left out.
public struct OpenAIStreamRelay: Sendable {
    private var splitter = SSEEventSplitter()
    private var pending: ByteBuffer?
    private let dropUsageOnlyChunk: Bool
    /// Token usage, once the stream has reported it.
    public private(set) var usage: Usage?
    /// A dropped event ended in CR at a chunk's end: the LF that may follow belongs to it.
    private var dropLeadingLF = false
    /// The last event seen ended in CR, so an LF opening the next one is that event's.
    private var lastEventEndedWithCR = false
    /// Whether the `data: [DONE]` terminator went by.
    public private(set) var sawDone = false

    /// Reads usage from Anthropic and Gemini events, which relay the same way.
    private var foreignUsage: UsageReader?

    private static let usageNeedle = Array(#""usage""#.utf8)
    private static let doneNeedle = Array("[DONE]".utf8)

    /// - Parameter usageDialect: whose events these are, for reading usage (only OpenAI's
    ///   usage-only chunk can be dropped).
    public init(dropUsageOnlyChunk: Bool, usageDialect: UsageReader.Dialect = .openAI) {
        self.dropUsageOnlyChunk = dropUsageOnlyChunk && usageDialect == .openAI
        self.foreignUsage = usageDialect == .openAI ? nil : UsageReader(dialect: usageDialect)
    }

    /// Feeds one chunk from upstream; returns what to write to the client now, in order.
    public mutating func process(_ chunk: ByteBuffer) -> [ByteBuffer] {
        var buffer: ByteBuffer
        var scanFrom = 0
        if var held = pending {
            // Let go of it first, so the append below grows it in place instead of copying
            // what is held every time a piece of a large event arrives.
            pending = nil
            scanFrom = held.readableBytes
            var incoming = chunk
            held.writeBuffer(&incoming)
            buffer = held
        } else {
            buffer = chunk
        }
        var splitter = self.splitter
        let ends: [Int] = buffer.withUnsafeReadableBytes { raw in
            splitter.boundaries(in: UnsafeRawBufferPointer(rebasing: raw[scanFrom...])).map { $0 + scanFrom }
        }
        self.splitter = splitter
        var output: [ByteBuffer] = []
        var runStart = 0
        var eventStart = 0
        if dropLeadingLF, scanFrom == 0, byte(buffer, 0) == 0x0A {
            runStart = 1
            eventStart = 1
        }
        dropLeadingLF = false
        for end in ends {
            let keep = buffer.withUnsafeReadableBytes { raw in
                inspect(UnsafeRawBufferPointer(rebasing: raw[eventStart..<end]))
            }
            if !keep {
                let opensWithOwnedLF = lastEventEndedWithCR && byte(buffer, eventStart) == 0x0A
                let dropFrom = opensWithOwnedLF ? eventStart + 1 : eventStart
                if dropFrom > runStart, let run = buffer.getSlice(at: buffer.readerIndex + runStart, length: dropFrom - runStart) {
                    output.append(run)
                }
                runStart = end
                dropLeadingLF = end == buffer.readableBytes && byte(buffer, end - 1) == 0x0D
            }
            lastEventEndedWithCR = byte(buffer, end - 1) == 0x0D
            eventStart = end
        }
        if eventStart > runStart, let run = buffer.getSlice(at: buffer.readerIndex + runStart, length: eventStart - runStart) {
            output.append(run)
        }
        let rest = buffer.readableBytes - eventStart
        if rest == 0 {
            pending = nil
        } else if eventStart == 0 {
            // Nothing went out: the whole buffer, with its spare capacity, is held.
            pending = buffer
        } else {
            pending = buffer.getSlice(at: buffer.readerIndex + eventStart, length: rest)
        }
        return output
    }

    /// At the end of the upstream body: whatever incomplete event is left, as it came.
    public mutating func finish() -> ByteBuffer? {
        defer { pending = nil }
        guard let held = pending else { return nil }
        _ = held.withUnsafeReadableBytes { inspect($0) }
        return held
    }

    /// Reads usage and `[DONE]` from one event; returns whether the client should see it.
    private mutating func inspect(_ event: UnsafeRawBufferPointer) -> Bool {
        if var reader = foreignUsage {
            if let payload = SSEData.payload(of: event) {
                payload.withUnsafeBytes { reader.read($0) }
                usage = reader.usage
            }
            foreignUsage = reader
            return true
        }
        guard Self.hasUsageObject(event) || Self.contains(event, Self.doneNeedle) else { return true }
        guard let payload = SSEData.payload(of: event) else { return true }
        if payload == Self.doneNeedle {
            sawDone = true
            return true
        }
        return payload.withUnsafeBytes { data in
            guard let index = try? JSONScanner.indexObject(data), let member = index.member("usage"),
                member.kind == .object
            else { return true }
            if let decoded = Usage(scanning: UnsafeRawBufferPointer(rebasing: data[member.valueRange])) {
                usage = decoded
            }
            // Only an array has brackets to look inside; a one-byte value (`"choices":7`) has none.
            guard dropUsageOnlyChunk, let choices = index.member("choices"), choices.kind == .array else { return true }
            let inner = data[(choices.valueRange.lowerBound + 1)..<(choices.valueRange.upperBound - 1)]
            return !inner.allSatisfy(JSONScanner.isWhitespace)
        }
    }

    private func byte(_ buffer: ByteBuffer, _ offset: Int) -> UInt8? {
        buffer.getInteger(at: buffer.readerIndex + offset, as: UInt8.self)
    }

    /// Whether `"usage"` appears followed by something other than `null`: most chunks of a
    /// stream that asked for usage carry `"usage":null`, and those need no parsing.
    static func hasUsageObject(_ event: UnsafeRawBufferPointer) -> Bool {
        var searchFrom = 0
        while let found = firstIndex(of: usageNeedle, in: event, from: searchFrom) {
            var position = found + usageNeedle.count
            while position < event.count, event[position] == 0x20 || event[position] == UInt8(ascii: ":") { position += 1 }
            if position < event.count, event[position] != UInt8(ascii: "n") { return true }
            searchFrom = found + 1
        }
        return false
    }

    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        firstIndex(of: needle, in: haystack, from: 0) != nil
    }

    static func firstIndex(of needle: [UInt8], in haystack: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard needle.count <= haystack.count, let first = needle.first else { return nil }
        var offset = start
        let last = haystack.count - needle.count
        while offset <= last {
            if haystack[offset] == first {
                var matched = true
                for step in 1..<needle.count where haystack[offset + step] != needle[step] {
                    matched = false
                    break
                }
                if matched { return offset }
            }
            offset += 1
        }
        return nil
    }

}
