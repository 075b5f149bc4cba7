
/// One input, read as an upstream's server-sent event stream arriving whole, one byte at a
/// time and in chunks cut by its first bytes: by the splitter alone, by the JSON event
/// decoder the translating paths use, and by the relay the pass-through path uses.
@_cdecl("SwitchyardFuzzSSE")
public func fuzzSSE(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let input = fuzzInput(start, count)
    let plans = [ChunkPlan.whole, .bytewise, .derived(from: input)]
    let events = SSEReferenceEvents(input)
    SSESplitterChecks.check(input, events: events, plans: plans)
    SSEJSONDecoderChecks.check(input, plans: plans)
    OpenAIStreamRelayChecks.check(input, events: events, plans: plans)
    return 0
}
