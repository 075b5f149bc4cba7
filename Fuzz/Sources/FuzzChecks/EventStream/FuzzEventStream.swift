
/// One input, read as a Bedrock ConverseStream body in AWS event-stream framing, arriving
/// whole, one byte at a time and in chunks cut by its first bytes: once as it is, and once
/// with its checksums made right, so mutations reach the headers and payloads behind them.
@_cdecl("SwitchyardFuzzEventStream")
public func fuzzEventStream(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let input = fuzzInput(start, count)
    let plans = [ChunkPlan.whole, .bytewise, .derived(from: input)]
    EventStreamDecoderChecks.check(input, plans: plans)
    let repaired = EventStreamChecksumRepair.repaired(input)
    if repaired != input {
        EventStreamDecoderChecks.check(repaired, plans: plans)
    }
    BedrockStreamChecks.check(repaired, plans: plans)
    return 0
}
