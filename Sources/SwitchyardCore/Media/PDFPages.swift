import NIOCore

/// Counting the pages of a PDF without parsing it, for metering OCR.
public enum PDFPages {
    /// The number of page objects (`/Type /Page`, not `/Pages`) in `bytes`, at least 1 for a
    /// PDF (pages inside compressed object streams are not seen); nil when `bytes` does not
    /// start with a `%PDF-` header within its first 1024 bytes.
    public static func count(in bytes: ByteBuffer) -> Int? {
        bytes.withUnsafeReadableBytes(count)
    }

    /// As `count(in:)` for a byte array.
    public static func count(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes(count)
    }

    static func count(_ raw: UnsafeRawBufferPointer) -> Int? {
        guard let header = raw.firstOffset(of: Array("%PDF-".utf8)), header < 1024 else { return nil }
        let type = Array("/Type".utf8)
        var pages = 0
        var offset = header
        while let found = raw.firstOffset(of: type, from: offset) {
            var index = found + type.count
            while index < raw.count, isWhitespace(raw[index]) { index += 1 }
            if raw.matches("/Page", at: index) {
                let after = index + 5
                if after >= raw.count || isDelimiter(raw[after]) { pages += 1 }
            }
            offset = index
        }
        return max(pages, 1)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0 || byte == 9 || byte == 10 || byte == 12 || byte == 13 || byte == 32
    }

    /// Whether `byte` ends a PDF name (whitespace or a delimiter character).
    private static func isDelimiter(_ byte: UInt8) -> Bool {
        isWhitespace(byte) || Array("()<>[]{}/%".utf8).contains(byte)
    }
}
