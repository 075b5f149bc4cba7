import NIOCore
import SwitchyardCore

/// The JSON event decoder reads the same events, and fails or not, however the stream is
/// chunked.
enum SSEJSONDecoderChecks {
    struct Outcome: Equatable {
        var events: [JSONValue] = []
        var sawDone = false
        var failed = false
    }

    static func check(_ input: [UInt8], plans: [ChunkPlan]) {
        let outcomes = plans.map { decode(input, $0) }
        for (plan, outcome) in zip(plans, outcomes).dropFirst() {
            fuzzCheck(outcome.failed == outcomes[0].failed, "\(plan): failed \(outcome.failed), whole input failed \(outcomes[0].failed)")
            if !outcome.failed {
                fuzzCheck(outcome == outcomes[0], "\(plan): \(outcome), whole input gave \(outcomes[0])")
            }
        }
    }

    static func decode(_ input: [UInt8], _ plan: ChunkPlan) -> Outcome {
        var decoder = SSEJSONDecoder<JSONValue>()
        var outcome = Outcome()
        do {
            for chunk in plan.chunks(of: input) {
                outcome.events += try decoder.decode(ByteBuffer(bytes: chunk))
            }
            outcome.events += try decoder.finish()
        } catch {
            outcome.failed = true
        }
        outcome.sawDone = decoder.sawDone
        return outcome
    }
}
