/// Writes a `text[]` literal (`{"a","b\"c"}`) for one row's tags inside a batch: a batch
/// binds one array per column, and arrays of arrays flatten in `unnest`, so each row's tags
/// travel as text and the server casts them back with `::text[]`.
enum PostgresArrayLiteral {
    static func text(_ elements: [String]) -> String {
        var literal = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { literal += "," }
            literal += "\""
            for character in element {
                if character == "\"" || character == "\\" { literal += "\\" }
                literal.append(character)
            }
            literal += "\""
        }
        literal += "}"
        return literal
    }
}
