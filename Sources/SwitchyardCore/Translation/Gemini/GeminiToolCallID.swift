/// Tool-call ids for Gemini function calls that came without one.
///
/// Deterministic, so the streamed and the whole form of one response give the same ids, and
/// seeded by the response id so two identical calls in different turns still get different ids
/// (Anthropic rejects a conversation that repeats a `tool_use` id).
enum GeminiToolCallID {
    /// `call_` and 24 hex digits derived from the response, candidate and call position.
    static func make(seed: String, candidate: Int, call: Int) -> String {
        let text = "\(seed)#\(candidate)#\(call)"
        let first = fnv1a(text, basis: 0xcbf2_9ce4_8422_2325)
        let second = fnv1a(text, basis: 0x8422_2325_cbf2_9ce4)
        return "call_" + hex(first) + String(hex(second).prefix(8))
    }

    /// The id of the `number`th call (from 0) of a request, for calls a client sent without one.
    static func sequential(_ number: Int) -> String {
        "call_\(number)"
    }

    private static func fnv1a(_ text: String, basis: UInt64) -> UInt64 {
        var hash = basis
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
