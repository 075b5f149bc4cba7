import NIOCore

/// Writes a turn's `previous_response_id` into a response that an upstream answered without
/// it: the gateway sends the earlier turns as input, so the upstream never saw the id, but the
/// client's answer (and the stored copy) must name the turn it follows, as OpenAI's does.
public enum ResponseEcho {
    private static let member = "previous_response_id"

    /// A response object's JSON with `previous_response_id` set.
    public static func settingPrevious(_ id: String, inResponse json: [UInt8]) -> [UInt8] {
        json.withUnsafeBytes { raw in
            guard let index = try? JSONScanner.indexObject(raw) else { return json }
            var edit = JSONObjectEdit()
            edit.set(member, string: id)
            var out = ByteBuffer()
            edit.apply(to: raw, index: index, into: &out)
            return Array(out.readableBytesView)
        }
    }

    /// Complete stream events with `previous_response_id` set in the response each of them
    /// carries (`response.created`, `.in_progress`, `.completed`…); other events unchanged.
    public static func settingPrevious(_ id: String, inEvents events: ByteBuffer) -> ByteBuffer {
        // Only events that carry a whole response name the member at all.
        let needle = Array("\"\(member)\"".utf8)
        guard events.withUnsafeReadableBytes({ OpenAIStreamRelay.contains($0, needle) }) else { return events }
        var out = ByteBuffer()
        events.withUnsafeReadableBytes { raw in
            var splitter = SSEEventSplitter()
            var start = 0
            for end in splitter.boundaries(in: raw) {
                defer { start = end }
                let event = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                guard let payload = SSEData.payload(of: event), let rewritten = rewrite(payload, id: id) else {
                    out.writeBytes(event)
                    continue
                }
                // The event's other lines (`event: …`) as they were, its data replaced.
                var wroteData = false
                for line in String(decoding: event, as: UTF8.self).split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
                    if line.hasPrefix("data:") {
                        guard !wroteData else { continue }
                        wroteData = true
                        out.writeString("data: ")
                        out.writeBytes(rewritten)
                        out.writeString("\n")
                    } else {
                        out.writeString(line + "\n")
                    }
                }
                out.writeString("\n")
            }
            if start < raw.count { out.writeBytes(UnsafeRawBufferPointer(rebasing: raw[start...])) }
        }
        return out
    }

    /// An event's data with the response it carries edited; nil when it carries none.
    private static func rewrite(_ payload: [UInt8], id: String) -> [UInt8]? {
        payload.withUnsafeBytes { data -> [UInt8]? in
            guard let index = try? JSONScanner.indexObject(data), let response = index.member("response"), response.kind == .object else { return nil }
            var edit = JSONObjectEdit()
            edit.set("response", rawJSON: settingPrevious(id, inResponse: Array(data[response.valueRange])))
            var out = ByteBuffer()
            edit.apply(to: data, index: index, into: &out)
            return Array(out.readableBytesView)
        }
    }
}
