import Foundation
import NIOCore
import SwitchyardCore

/// Bedrock's stream translates to the same chat chunks, usage and finish reason however the
/// bytes are chunked, and fails or not alike; every chunk it gives can be written to a client.
enum BedrockStreamChecks {
    struct Outcome: Equatable {
        var chunks: [ChatCompletionChunk] = []
        var failed = false
        var finishFailed = false
        var usage: Usage?
        var finishReason: FinishReason?
    }

    static func check(_ input: [UInt8], plans: [ChunkPlan]) {
        // The options come from the last byte, a checksum byte that mutations move around.
        let options = input.last ?? 0
        let outcomes = plans.map { translate(input, $0, includeUsage: options & 1 == 1, jsonMode: options & 2 == 2) }
        for (plan, outcome) in zip(plans, outcomes).dropFirst() {
            fuzzCheck(outcome.failed == outcomes[0].failed, "\(plan): failed \(outcome.failed), whole input failed \(outcomes[0].failed)")
            if !outcome.failed {
                fuzzCheck(outcome == outcomes[0], "\(plan): \(outcome), whole input gave \(outcomes[0])")
            }
        }
        for chunk in outcomes[0].chunks {
            fuzzCheck((try? JSONEncoder().encode(chunk)) != nil, "a translated chunk cannot be encoded: \(chunk)")
        }
    }

    static func translate(_ input: [UInt8], _ plan: ChunkPlan, includeUsage: Bool, jsonMode: Bool) -> Outcome {
        var stream = BedrockToOpenAIStream(id: "chatcmpl-fuzz", model: "fuzz-model", created: 1_700_000_000, includeUsage: includeUsage, jsonMode: jsonMode)
        var outcome = Outcome()
        do {
            for chunk in plan.chunks(of: input) {
                outcome.chunks += try stream.consume(bytes: ByteBuffer(bytes: chunk))
            }
        } catch {
            outcome.failed = true
            return outcome
        }
        do {
            outcome.chunks += try stream.finish()
        } catch {
            outcome.finishFailed = true
        }
        outcome.usage = stream.usage
        outcome.finishReason = stream.finishReason
        return outcome
    }
}
