import SwitchyardCore

/// One input, read as the streamed answer of each provider whose stream is server-sent
/// events (OpenAI-compatible, Anthropic, Gemini), arriving whole, one byte at a time and in
/// chunks cut by its first bytes; the chat chunks then go on to the client-side translators,
/// as they do when the client speaks another dialect. Bedrock's stream is in `FuzzEventStream`.
@_cdecl("SwitchyardFuzzChatStreamDecoders")
public func fuzzChatStreamDecoders(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let input = fuzzInput(start, count)
    let plans = [ChunkPlan.whole, .bytewise, .derived(from: input)]
    // The request options come from the last byte, which the chunk plan leaves alone.
    let options = input.last ?? 0
    for provider in [ProviderKind.openai, .anthropic, .gemini] {
        let chunks = ChatStreamDecoderChecks.check(
            input,
            provider: provider,
            plans: plans,
            includeUsage: options & 1 == 1,
            jsonMode: options & 2 == 2
        )
        ClientStreamChecks.forward(chunks)
    }
    return 0
}
