import SwitchyardCore

/// The splitter finds the grammar's event ends however the stream is chunked, and an event
/// that starts with the stray LF of the previous event's CRLF carries the same data.
enum SSESplitterChecks {
    static func check(_ input: [UInt8], events: SSEReferenceEvents, plans: [ChunkPlan]) {
        for plan in plans {
            var splitter = SSEEventSplitter()
            var ends: [Int] = []
            var offset = 0
            for chunk in plan.chunks(of: input) {
                let found = chunk.withUnsafeBytes { splitter.boundaries(in: $0) }
                for end in found {
                    fuzzCheck(end >= 1 && end <= chunk.count, "boundary \(end) outside a \(chunk.count)-byte chunk")
                    ends.append(offset + end)
                }
                offset += chunk.count
            }
            let normalized = ends.map { SSEReferenceEvents.normalized($0, in: input) }
            fuzzCheck(normalized == events.ends, "\(plan): splitter ends \(ends), grammar ends \(events.ends)")
        }
        for range in events.ranges where range.lowerBound >= 2 && input[(range.lowerBound - 2)..<range.lowerBound] == [0x0D, 0x0A] {
            let withStrayLF = payload(input[(range.lowerBound - 1)..<range.upperBound])
            fuzzCheck(withStrayLF == payload(input[range]), "a leading LF changed the data of the event at \(range)")
        }
    }

    static func payload(_ event: ArraySlice<UInt8>) -> [UInt8]? {
        Array(event).withUnsafeBytes { SSEData.payload(of: $0) }
    }
}
