import PostgresNIO

/// Reads a row's cells left to right, so decoders list columns in the order the SELECT does
/// without counting indexes.
struct RowReader {
    private var cells: PostgresRow.Iterator

    init(_ row: PostgresRow) {
        cells = row.makeIterator()
    }

    mutating func next<T: PostgresDecodable>(_ type: T.Type = T.self, file: String = #fileID, line: Int = #line) throws -> T {
        guard let cell = cells.next() else {
            throw PostgresDecodingError.Code.missingData
        }
        return try cell.decode(T.self, file: file, line: line)
    }
}
