import NIOCore
import SwitchyardCore

/// The relay forwards every byte it is given, in order and never ahead of the event it
/// belongs to, except the OpenAI usage-only events it was asked to drop; what it forwards
/// and the usage it reads do not depend on the chunking.
enum OpenAIStreamRelayChecks {
    struct Outcome: Equatable {
        var output: [UInt8] = []
        var usage: Usage?
        var sawDone = false
    }

    static func check(_ input: [UInt8], events: SSEReferenceEvents, plans: [ChunkPlan]) {
        let foreign: UsageReader.Dialect = (input.first ?? 0) & 1 == 0 ? .anthropic : .gemini
        let keptWhenDropping = withoutUsageOnlyEvents(input, events: events)
        for (drop, dialect) in [(false, UsageReader.Dialect.openAI), (true, .openAI), (false, foreign)] {
            let expected = drop ? keptWhenDropping : input
            var first: Outcome?
            // One byte at a time costs an allocation per byte; it is spent where the relay
            // does the most with event boundaries, dropping events.
            for plan in plans where drop || plan != .bytewise {
                let outcome = relay(input, plan, drop: drop, dialect: dialect, expected: expected)
                fuzzCheck(outcome.output == expected, "\(plan), drop \(drop), \(dialect): forwarded \(outcome.output.count) bytes, expected \(expected.count)")
                if let first {
                    fuzzCheck(outcome == first, "\(plan), drop \(drop), \(dialect): \(outcome.usage as Any) / done \(outcome.sawDone), whole input gave \(first.usage as Any) / done \(first.sawDone)")
                }
                first = first ?? outcome
            }
        }
    }

    static func relay(_ input: [UInt8], _ plan: ChunkPlan, drop: Bool, dialect: UsageReader.Dialect, expected: [UInt8]) -> Outcome {
        var relay = OpenAIStreamRelay(dropUsageOnlyChunk: drop, usageDialect: dialect)
        var outcome = Outcome()
        for chunk in plan.chunks(of: input) {
            let checkedUpTo = outcome.output.count
            for slice in relay.process(ByteBuffer(bytes: chunk)) {
                outcome.output += slice.readableBytesView
            }
            fuzzCheck(
                outcome.output.count <= expected.count && outcome.output[checkedUpTo...] == expected[checkedUpTo..<outcome.output.count],
                "\(plan): forwarded bytes that are not the stream's next ones"
            )
        }
        if let rest = relay.finish() { outcome.output += rest.readableBytesView }
        outcome.usage = relay.usage
        outcome.sawDone = relay.sawDone
        return outcome
    }

    /// The stream without the events a client that did not ask for usage must not see: an
    /// OpenAI chunk with a `usage` object and an empty `choices` array. The bytes after the
    /// last complete event are never dropped; they are handed over as they came.
    ///
    /// The relay looks for `"usage"` spelled plainly before parsing, as every upstream spells
    /// it; a member name written with escapes is not looked for, here either.
    static func withoutUsageOnlyEvents(_ input: [UInt8], events: SSEReferenceEvents) -> [UInt8] {
        var kept: [UInt8] = []
        for range in events.ranges where !isUsageOnly(input[range]) {
            kept += input[range]
        }
        return kept + input[events.tailStart...]
    }

    static func isUsageOnly(_ event: ArraySlice<UInt8>) -> Bool {
        guard event.firstRange(of: Array(#""usage""#.utf8)) != nil else { return false }
        guard let payload = Array(event).withUnsafeBytes({ SSEData.payload(of: $0) }) else { return false }
        return payload.withUnsafeBytes { data in
            guard let index = try? JSONScanner.indexObject(data), index.member("usage")?.kind == .object,
                let choices = index.member("choices"), choices.kind == .array
            else { return false }
            return data[choices.valueRange].dropFirst().dropLast().allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        }
    }
}
