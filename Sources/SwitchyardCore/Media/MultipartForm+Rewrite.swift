import NIOCore

extension MultipartForm {
    /// The body as sent, byte for byte, except: the first text field named by each key of
    /// `setting` gets that value (later fields of the same name are dropped; an absent one is
    /// appended as a new text part before the close), and parts named in `removing` are dropped.
    ///
    /// The boundary is unchanged, so the request's Content-Type stays valid. With nothing to
    /// set or remove, the result equals the parsed body.
    public func rewritten(setting: [String: String], removing: Set<String>) -> ByteBuffer {
        let readerIndex = source.readerIndex
        func bytes(_ range: Range<Int>) -> ByteBuffer {
            source.getSlice(at: readerIndex + range.lowerBound, length: range.count) ?? ByteBuffer()
        }
        var output = ByteBuffer()
        output.reserveCapacity(source.readableBytes + setting.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 128 })
        var pending = setting
        var wroteAny = false
        for (index, part) in parts.enumerated() {
            if removing.contains(part.name) { continue }
            var replacement: String?
            if part.filename == nil, setting[part.name] != nil {
                guard let value = pending.removeValue(forKey: part.name) else { continue }
                replacement = value
            }
            // The delimiter before the part: the preamble and first delimiter line for the first
            // part written, else the separator that preceded this part in the original.
            var preceding = wroteAny
                ? bytes(parts[index - 1].range.upperBound..<part.range.lowerBound)
                : bytes(0..<parts[0].range.lowerBound)
            output.writeBuffer(&preceding)
            if let replacement {
                var headers = bytes(part.range.lowerBound..<part.bodyStart)
                output.writeBuffer(&headers)
                output.writeString(replacement)
            } else {
                var whole = bytes(part.range)
                output.writeBuffer(&whole)
            }
            wroteAny = true
        }
        for name in setting.keys.sorted() where pending[name] != nil && !removing.contains(name) {
            output.writeString(wroteAny ? "\r\n--\(boundary)\r\n" : "--\(boundary)\r\n")
            output.writeString("Content-Disposition: form-data; name=\"\(MultipartWriter.escaped(name))\"\r\n\r\n")
            output.writeString(pending[name] ?? "")
            wroteAny = true
        }
        guard wroteAny else {
            output.writeString("--\(boundary)--\r\n")
            return output
        }
        if parts.isEmpty {
            output.writeString("\r\n--\(boundary)--\r\n")
        } else {
            var close = bytes(closeStart..<source.readableBytes)
            output.writeBuffer(&close)
        }
        return output
    }
}
