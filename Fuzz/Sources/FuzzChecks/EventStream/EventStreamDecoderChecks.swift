import SwitchyardCore

/// The decoder reads the same messages and fails with the same error however the bytes are
/// chunked, keeps failing once it has failed, and every message it reads encodes back to
/// exactly the bytes it was read from.
enum EventStreamDecoderChecks {
    struct Outcome: Equatable {
        var messages: [AWSEventStreamMessage] = []
        var error: AWSEventStreamError?
    }

    static func check(_ input: [UInt8], plans: [ChunkPlan]) {
        let outcomes = plans.map { decode(input, $0) }
        // One byte at a time, every message before a failure has been returned.
        guard let finest = zip(plans, outcomes).first(where: { $0.0 == .bytewise })?.1 else { return }
        for (plan, outcome) in zip(plans, outcomes) {
            fuzzCheck(outcome.error == finest.error, "\(plan) failed with \(outcome.error as Any), one byte at a time with \(finest.error as Any)")
            fuzzCheck(finest.messages.starts(with: outcome.messages), "\(plan) read messages that one byte at a time did not")
            if outcome.error == nil {
                fuzzCheck(outcome.messages == finest.messages, "\(plan) read \(outcome.messages.count) messages, one byte at a time \(finest.messages.count)")
            }
        }
        let reencoded = finest.messages.flatMap { $0.encoded() }
        fuzzCheck(input.starts(with: reencoded), "messages do not encode back to the bytes they were read from")
        if finest.error == nil {
            fuzzCheck(reencoded.count == input.count, "a stream that ended cleanly left \(input.count - reencoded.count) bytes unread")
        }
    }

    static func decode(_ input: [UInt8], _ plan: ChunkPlan) -> Outcome {
        var decoder = AWSEventStreamDecoder()
        var outcome = Outcome()
        do throws(AWSEventStreamError) {
            for chunk in plan.chunks(of: input) {
                outcome.messages += try decoder.feed(chunk)
            }
            try decoder.finish()
        } catch {
            outcome.error = error
            do throws(AWSEventStreamError) {
                _ = try decoder.feed([0])
                fuzzCheck(false, "the decoder took more bytes after failing with \(error)")
            } catch {
                fuzzCheck(error == outcome.error, "after failing with \(outcome.error as Any) the decoder failed with \(error)")
            }
        }
        return outcome
    }
}
