import Foundation
import NIOCore

/// Lenient reading of chat requests where the intent is unambiguous, so a client written for
/// another API (or by hand) still works:
/// - role aliases in `messages`: `human` → `user`, `ai` and `bot` → `assistant`;
/// - `max_output_tokens` or `maxTokens` → `max_tokens`; `stop_sequences` → `stop`;
/// - a bare string inside a `content` array → a text part.
///
/// Anything still ambiguous (an alias and the real name with different values) is a 400
/// naming the field. A body needing none of this is returned untouched, found by member
/// lookups and a byte search, so well-formed requests pay no decoding.
public enum InputNormalisation {
    /// The normalised body, or nil when `bytes` needs no change.
    public static func chat(_ bytes: ByteBuffer, index: JSONObjectIndex) throws(GatewayError) -> ByteBuffer? {
        try bytes.withUnsafeReadableBytes { raw throws(GatewayError) -> ByteBuffer? in
            var edit = JSONObjectEdit()
            try rename(["max_output_tokens", "maxTokens"], to: "max_tokens", index: index, raw: raw, edit: &edit)
            try rename(["stop_sequences"], to: "stop", index: index, raw: raw, edit: &edit)
            if let messages = index.member("messages"), messages.kind == .array, mayNeedMessageRewrite(UnsafeRawBufferPointer(rebasing: raw[messages.valueRange])),
                let rewritten = try normalisedMessages(UnsafeRawBufferPointer(rebasing: raw[messages.valueRange]))
            {
                edit.set("messages", rawJSON: rewritten)
            }
            guard !edit.isEmpty else { return nil }
            var out = ByteBuffer()
            out.reserveCapacity(raw.count + 16)
            edit.apply(to: raw, index: index, into: &out)
            return out
        }
    }

    /// Moves the first alias present to `name`; an alias beside `name` with another value is a 400.
    private static func rename(_ aliases: [String], to name: String, index: JSONObjectIndex, raw: UnsafeRawBufferPointer, edit: inout JSONObjectEdit) throws(GatewayError) {
        for alias in aliases {
            guard let member = index.member(alias), member.kind != .null else { continue }
            let value = Array(raw[member.valueRange])
            if let existing = index.member(name), existing.kind != .null {
                guard Array(raw[existing.valueRange]) == value else {
                    throw GatewayError.invalidRequest("'\(alias)' and '\(name)' say different things; send '\(name)' only.", param: alias)
                }
            } else {
                edit.set(name, rawJSON: value)
            }
            edit.remove(alias)
        }
    }

    private static let roleAliases = ["human": "user", "ai": "assistant", "bot": "assistant"]
    private static let needles = [#""human""#, #""ai""#, #""bot""#].map { Array($0.utf8) }
    private static let contentKey = Array(#""content""#.utf8)

    /// Whether the messages may hold a role alias or a bare string in a content array: one
    /// pass from quote to quote (memchr), so the common case costs no decoding.
    private static func mayNeedMessageRewrite(_ messages: UnsafeRawBufferPointer) -> Bool {
        var from = 0
        while let quote = JSONScanner.firstQuote(in: messages, from: from) {
            if needles.contains(where: { JSONScanner.matches($0, in: messages, at: quote) }) { return true }
            if JSONScanner.matches(contentKey, in: messages, at: quote), opensStringArray(messages, after: quote + contentKey.count) { return true }
            from = quote + 1
        }
        return false
    }

    /// Whether `:`, `[` and a quote follow `offset`, white space allowed between them.
    private static func opensStringArray(_ bytes: UnsafeRawBufferPointer, after offset: Int) -> Bool {
        var position = offset
        for expected in [UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "\"")] {
            while position < bytes.count, JSONScanner.isWhitespace(bytes[position]) { position += 1 }
            guard position < bytes.count, bytes[position] == expected else { return false }
            position += 1
        }
        return true
    }

    /// The messages with role aliases and bare-string parts rewritten, or nil when none was
    /// found after all (the byte search only said "maybe").
    private static func normalisedMessages(_ messages: UnsafeRawBufferPointer) throws(GatewayError) -> [UInt8]? {
        guard case .array(var list)? = try? JSONDecoder().decode(JSONValue.self, from: Data(messages)) else { return nil }
        var changed = false
        for position in list.indices {
            guard case .object(var message) = list[position] else { continue }
            if let role = message["role"]?.stringValue, let canonical = roleAliases[role.lowercased()] {
                message["role"] = .string(canonical)
                changed = true
            }
            if case .array(let parts)? = message["content"], parts.contains(where: { $0.stringValue != nil }) {
                message["content"] = .array(parts.map { part in
                    part.stringValue.map { JSONValue.object(["type": "text", "text": .string($0)]) } ?? part
                })
                changed = true
            }
            list[position] = .object(message)
        }
        guard changed else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(JSONValue.array(list)) else {
            throw GatewayError.invalidRequest("'messages' could not be read.", param: "messages")
        }
        return Array(data)
    }
}
