import NIOCore

extension BedrockToOpenAIStream {
    /// The chunks for the next bytes of a ConverseStream response body, in any chunking.
    ///
    /// Framing errors (bad checksums, impossible lengths) throw a 502: the stream cannot go on.
    public mutating func consume(bytes: ByteBuffer) throws(GatewayError) -> [ChatCompletionChunk] {
        let messages: [AWSEventStreamMessage]
        do {
            messages = try decoder.feed(bytes)
        } catch {
            throw GatewayError(.upstreamUnavailable, "Bedrock sent a malformed event stream: \(error.message).")
        }
        var chunks: [ChatCompletionChunk] = []
        for message in messages {
            chunks += try consume(message: message)
        }
        return chunks
    }

    /// Declares the end of the response body: a 502 when it stopped inside a message, or
    /// before `messageStop` (the answer is then incomplete). Nothing is ever owed at the end
    /// (`metadata`, the last event, already gave the usage chunk), so the chunks are empty;
    /// the return type matches `ChatStreamDecoder.finish()`.
    public mutating func finish() throws(GatewayError) -> [ChatCompletionChunk] {
        do {
            try decoder.finish()
        } catch {
            throw GatewayError(.upstreamUnavailable, "Bedrock's event stream ended early: \(error.message).")
        }
        guard finishReason != nil else {
            throw GatewayError(.upstreamUnavailable, "Bedrock's event stream ended before messageStop.")
        }
        return []
    }
}
