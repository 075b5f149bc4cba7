import NIOCore
import SwitchyardCore

/// The bytes of a batch's output or error file, read from the store a page of lines at a time
/// as the file store takes them, in the input's order. Lines without a result are in neither.
struct BatchOutputFile: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    enum Kind: Sendable {
        /// Lines answered with a 2xx.
        case successes
        /// Every other settled line: other answers, and lines that never ran.
        case failures

        func includes(_ line: BatchLine) -> Bool {
            guard let result = line.result else { return false }
            return self == .successes ? result.succeeded : !result.succeeded
        }
    }

    let store: any BatchStore
    let batchID: String
    let kind: Kind

    /// Lines read per page, and so written per buffer at most.
    static let pageSize = 256

    struct AsyncIterator: AsyncIteratorProtocol {
        let file: BatchOutputFile
        var cursor = -1
        var done = false

        mutating func next() async throws -> ByteBuffer? {
            while !done {
                let page = try await file.store.lineOutcomes(batchID: file.batchID, after: cursor, limit: BatchOutputFile.pageSize)
                guard let last = page.last else {
                    done = true
                    return nil
                }
                cursor = last.index
                var buffer = ByteBuffer()
                for line in page where file.kind.includes(line) {
                    if let result = line.result { BatchOutputLine.write(result, customID: line.customID, into: &buffer) }
                }
                if buffer.readableBytes > 0 { return buffer }
            }
            return nil
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(file: self)
    }
}
