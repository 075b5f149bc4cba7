/// Makes the ids of a response's output items from a seed, so the same answer always gets the
/// same ids (tests are golden; a streamed and a non-streamed translation agree).
///
/// An id is a prefix (`msg`, `fc`, `rs`), the seed and the item's output index:
/// `msg_abc123_1`. Seeded with the response id, the ids are as unique as it is.
public struct ResponseItemIDs: Sendable, Hashable {
    public let seed: String

    public init(seed: String) {
        self.seed = seed
    }

    /// Ids seeded with a response id, without its `resp_` prefix.
    public init(responseID: String) {
        self.seed = responseID.hasPrefix("resp_") ? String(responseID.dropFirst(5)) : responseID
    }

    public func message(at outputIndex: Int) -> String { id("msg", outputIndex) }
    public func functionCall(at outputIndex: Int) -> String { id("fc", outputIndex) }
    public func reasoning(at outputIndex: Int) -> String { id("rs", outputIndex) }

    private func id(_ prefix: String, _ outputIndex: Int) -> String {
        "\(prefix)_\(seed)_\(outputIndex)"
    }
}
