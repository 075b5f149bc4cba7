/// Where to cut one input into the reads a network connection might deliver.
///
/// Every decoder must give the same answer however its bytes arrive, so each fuzz target
/// feeds the same input whole, one byte at a time and cut by a plan derived from the input's
/// own first bytes, then compares the answers. Deriving the cuts from the input keeps a crash
/// reproducible from the saved file alone and lets libFuzzer steer them by mutating those bytes.
struct ChunkPlan: Sendable, Equatable, CustomStringConvertible {
    /// Chunk sizes, used in turn and repeated until the input runs out.
    let sizes: [Int]

    init(sizes: [Int]) {
        precondition(!sizes.isEmpty && sizes.allSatisfy { $0 > 0 })
        self.sizes = sizes
    }

    /// Everything in one read.
    static let whole = ChunkPlan(sizes: [Int.max])
    /// One byte per read: every boundary falls everywhere once.
    static let bytewise = ChunkPlan(sizes: [1])

    /// Sizes of 1…32 bytes read from the first eight bytes of `input`.
    static func derived(from input: [UInt8]) -> ChunkPlan {
        let seeds = input.prefix(8)
        return ChunkPlan(sizes: seeds.isEmpty ? [1] : seeds.map { 1 + Int($0 & 0x1F) })
    }

    /// `bytes` cut into consecutive chunks that together are all of it.
    func chunks(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var chunks: [ArraySlice<UInt8>] = []
        var offset = 0
        var turn = 0
        while offset < bytes.count {
            let end = offset + min(sizes[turn % sizes.count], bytes.count - offset)
            chunks.append(bytes[offset..<end])
            offset = end
            turn += 1
        }
        return chunks
    }

    var description: String {
        switch sizes {
        case ChunkPlan.whole.sizes: "whole"
        case ChunkPlan.bytewise.sizes: "one byte at a time"
        default: "chunks of \(sizes)"
        }
    }
}
