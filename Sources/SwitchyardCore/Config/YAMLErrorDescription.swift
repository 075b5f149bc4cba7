import Yams

/// Turns a Yams error into one line: `YAML syntax error at line 3, column 7: …`.
enum YAMLErrorDescription {
    static func message(for error: any Error) -> String {
        guard let error = error as? YamlError else { return "YAML syntax error: \(error)" }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var text = "YAML syntax error at line \(mark.line), column \(mark.column): \(problem)"
            if problem == "but found another document" {
                return "YAML syntax error at line \(mark.line), column \(mark.column): a second document; the config must be one document"
            }
            if let context {
                text += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return text
        case .reader(let problem, let offset, _, let yaml):
            guard let offset, let (line, column) = position(ofCharacter: offset, in: yaml) else {
                return "YAML syntax error: \(problem)"
            }
            return "YAML syntax error at line \(line), column \(column): \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return "YAML syntax error at line \(context.mark.line), column \(context.mark.column): duplicate key \(keys)"
        default:
            return "YAML syntax error: \(error)"
        }
    }

    /// 1-based line and column of the character at `offset`.
    private static func position(ofCharacter offset: Int, in text: String) -> (Int, Int)? {
        guard offset >= 0, offset <= text.count else { return nil }
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
