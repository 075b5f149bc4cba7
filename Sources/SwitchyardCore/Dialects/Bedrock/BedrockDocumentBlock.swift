import Foundation

/// A document sent inline: `{"format": "pdf", "name": "brief", "source": {"bytes": "<base64>"}}`.
///
/// Converse reads a document's `name` as part of the prompt and takes only letters, digits,
/// single spaces, hyphens, parentheses and square brackets in it, at most 200 characters.
public struct BedrockDocumentBlock: Sendable, Hashable, Codable {
    /// `pdf`, `csv`, `doc`, `docx`, `xls`, `xlsx`, `html`, `txt` or `md`.
    public var format: String
    public var name: String
    public var source: Source

    public struct Source: Sendable, Hashable, Codable {
        /// The document bytes, base64-encoded as JSON carries a blob.
        public var bytes: String
    }

    public init(format: String, name: String, base64: String) {
        self.format = format
        self.name = name
        self.source = Source(bytes: base64)
    }

    /// The Converse format for a document media type; nil when Converse takes no such document.
    public static func format(forMediaType mediaType: String) -> String? {
        switch mediaType.lowercased() {
        case "application/pdf": "pdf"
        case "text/csv": "csv"
        case "application/msword": "doc"
        case "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx"
        case "application/vnd.ms-excel": "xls"
        case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"
        case "text/html": "html"
        case "text/plain": "txt"
        case "text/markdown": "md"
        default: nil
        }
    }

    /// A name Converse accepts made from a file name: its extension dropped, every other
    /// character replaced by a hyphen, runs of spaces made one; `fallback` when nothing is left.
    public static func name(from filename: String?, fallback: String) -> String {
        var stem = Substring(filename ?? "")
        if let slash = stem.lastIndex(where: { $0 == "/" || $0 == "\\" }) { stem = stem[stem.index(after: slash)...] }
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = stem[..<dot] }
        var name = ""
        for character in stem {
            if character.isWhitespace {
                if !name.isEmpty, name.last != " " { name.append(" ") }
            } else if character.isASCII, character.isLetter || character.isNumber || "-()[]".contains(character) {
                name.append(character)
            } else {
                name.append("-")
            }
        }
        name = String(name.trimmingCharacters(in: .whitespaces).prefix(200))
        return name.isEmpty ? fallback : name
    }
}
