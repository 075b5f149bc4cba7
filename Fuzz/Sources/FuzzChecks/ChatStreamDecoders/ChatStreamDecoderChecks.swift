import NIOCore
import SwitchyardCore

/// A provider's stream decoder gives the same chat chunks and usage, and fails or not
/// alike, however the bytes are chunked.
enum ChatStreamDecoderChecks {
    struct Outcome: Equatable {
        var chunks: [ChatCompletionChunk] = []
        var failed = false
        var usage: Usage?
    }

    /// Returns the chunks of the whole input, for the next stage.
    static func check(_ input: [UInt8], provider: ProviderKind, plans: [ChunkPlan], includeUsage: Bool, jsonMode: Bool) -> [ChatCompletionChunk] {
        let chat = ChatCompletionRequest(model: "fuzz-model", messages: [], stream: true, responseFormat: jsonMode ? .jsonObject : nil)
        let outcomes = plans.map { decode(input, $0, provider: provider, chat: chat, includeUsage: includeUsage) }
        for (plan, outcome) in zip(plans, outcomes).dropFirst() {
            fuzzCheck(outcome.failed == outcomes[0].failed, "\(provider), \(plan): failed \(outcome.failed), whole input failed \(outcomes[0].failed)")
            if !outcome.failed {
                fuzzCheck(outcome == outcomes[0], "\(provider), \(plan): \(outcome), whole input gave \(outcomes[0])")
            }
        }
        return outcomes[0].chunks
    }

    static func decode(_ input: [UInt8], _ plan: ChunkPlan, provider: ProviderKind, chat: ChatCompletionRequest, includeUsage: Bool) -> Outcome {
        var decoder = provider.chatTranslator.streamDecoder(for: chat, requestedModel: "fuzz-model", created: 1_700_000_000, includeUsage: includeUsage)
        var outcome = Outcome()
        do {
            for chunk in plan.chunks(of: input) {
                outcome.chunks += try decoder.decode(ByteBuffer(bytes: chunk))
            }
            outcome.chunks += try decoder.finish()
        } catch {
            outcome.failed = true
        }
        outcome.usage = decoder.usage
        return outcome
    }
}
