/// Where a streamed delta goes: an output item and one part of it.
///
/// `partIndex` is written as `content_index` for message parts and as `summary_index` for
/// reasoning summary parts.
public struct ResponsePartLocation: Sendable, Hashable {
    public var itemID: String
    public var outputIndex: Int
    public var partIndex: Int

    public init(itemID: String, outputIndex: Int, partIndex: Int) {
        self.itemID = itemID
        self.outputIndex = outputIndex
        self.partIndex = partIndex
    }
}
