/// Translates an OpenAI-style provider stream (chat completion chunks) into Gemini
/// `streamGenerateContent` chunks, one decoded chunk at a time.
///
/// Text and reasoning deltas become text and thought parts at once. Tool-call deltas are
/// accumulated per choice and tool index and emitted as whole `functionCall` parts, in index
/// order, in the candidate's final chunk (the one with `finish_reason`), because Gemini clients
/// expect whole calls. OpenAI's usage chunk comes after the finish chunk, while Gemini puts
/// `usageMetadata` on the final chunk; so the final chunk is held until usage arrives (or every
/// choice has finished and usage came with them), or until `finish()`.
public struct OpenAIToGeminiStream: Sendable {
    /// Written as `modelVersion` on every chunk.
    public let model: String
    /// Written as `responseId` on every chunk.
    public let responseId: String
    /// The provider's usage, once it has arrived.
    public private(set) var usage: Usage?

    private var calls: [Int: [Int: PendingCall]] = [:]
    private var seen: Set<Int> = []
    private var finished: Set<Int> = []
    private var held: [GeminiCandidate] = []
    private var ended = false

    private struct PendingCall: Sendable {
        var id: String?
        var name = ""
        var arguments = ""
        var signature: String?
    }

    public init(model: String, responseId: String) {
        self.model = model
        self.responseId = responseId
    }

    /// The Gemini chunks for one OpenAI chunk (often none: role-only deltas, tool-call
    /// fragments and a held final chunk produce nothing yet).
    public mutating func translate(_ chunk: ChatCompletionChunk) -> [GeminiGenerateContentResponse] {
        var out: [GeminiGenerateContentResponse] = []
        for choice in chunk.choices {
            seen.insert(choice.index)
            let parts = Self.parts(of: choice.delta)
            if !parts.isEmpty {
                out.append(response([GeminiCandidate(content: GeminiContent(role: .model, parts: parts), index: choice.index)]))
            }
            for delta in choice.delta.toolCalls ?? [] {
                accumulate(delta, choice: choice.index)
            }
            if let reason = choice.finishReason, !finished.contains(choice.index) {
                finished.insert(choice.index)
                held.append(finalCandidate(choice.index, finishReason: reason))
            }
        }
        if let usage = chunk.usage {
            self.usage = usage
        }
        if !held.isEmpty, usage != nil, finished.isSuperset(of: seen) {
            out.append(flush())
        }
        return out
    }

    /// The chunks owed when the upstream stream ends: the held final chunk, and the calls of
    /// any choice that never finished. Further calls return nothing.
    public mutating func finish() -> [GeminiGenerateContentResponse] {
        guard !ended else { return [] }
        ended = true
        for index in calls.keys.sorted() where !finished.contains(index) {
            held.append(finalCandidate(index, finishReason: nil))
        }
        return held.isEmpty ? [] : [flush()]
    }

    private mutating func accumulate(_ delta: ToolCallDelta, choice: Int) {
        var call = calls[choice]?[delta.index] ?? PendingCall()
        call.id = call.id ?? delta.id
        if call.name.isEmpty, let name = delta.function?.name { call.name = name }
        call.arguments += delta.function?.arguments ?? ""
        call.signature = call.signature ?? GeminiThoughtSignature.read(from: delta.extra)
        calls[choice, default: [:]][delta.index] = call
    }

    private mutating func finalCandidate(_ index: Int, finishReason: FinishReason?) -> GeminiCandidate {
        var parts: [GeminiPart] = []
        var malformed = false
        let pending = calls.removeValue(forKey: index) ?? [:]
        for key in pending.keys.sorted() {
            guard let call = pending[key] else { continue }
            let part = GeminiCandidateBuilder.functionCallPart(
                id: call.id,
                name: call.name,
                arguments: call.arguments,
                signature: call.signature
            )
            if let part { parts.append(part) } else { malformed = true }
        }
        return GeminiCandidateBuilder.finished(parts: parts, index: index, finishReason: finishReason, malformed: malformed)
    }

    private mutating func flush() -> GeminiGenerateContentResponse {
        let candidates = held.sorted { ($0.index ?? 0) < ($1.index ?? 0) }
        held = []
        var final = response(candidates)
        final.usageMetadata = usage.map(GeminiUsageMetadata.init(openAI:))
        return final
    }

    private func response(_ candidates: [GeminiCandidate]) -> GeminiGenerateContentResponse {
        GeminiGenerateContentResponse(candidates: candidates, modelVersion: model, responseId: responseId)
    }

    /// The thought and text (or refusal) parts of a delta; empty for role-only and tool-call deltas.
    private static func parts(of delta: ChatDelta) -> [GeminiPart] {
        var parts: [GeminiPart] = []
        if let reasoning = delta.reasoningContent, !reasoning.isEmpty {
            parts.append(GeminiPart(text: reasoning, thought: true))
        }
        let signature = GeminiThoughtSignature.read(from: delta.extra)
        if let text = delta.content, !text.isEmpty || signature != nil {
            parts.append(GeminiPart(text: text, thoughtSignature: signature))
        }
        if let refusal = delta.refusal, !refusal.isEmpty {
            parts.append(GeminiPart(text: refusal))
        }
        return parts
    }
}
