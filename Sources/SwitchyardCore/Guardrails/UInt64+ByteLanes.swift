/// Eight bytes tested at once, for the scanners' hot loops over prose.
extension UInt64 {
    /// The high bit of each byte (lane) that lies strictly between `low` and `high`, every
    /// other bit clear: the "has between" test of Bit Twiddling Hacks. Exact for any byte
    /// values when `high` ≤ 128: each lane is computed on its low seven bits, so no carry or
    /// borrow crosses into the next lane, and bytes ≥ 0x80 are never in it.
    @inline(__always)
    func lanes(strictlyBetween low: UInt8, and high: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = self & (ones &* 0x7F)
        let belowHigh = (ones &* (0x7F + UInt64(high))) &- low7
        let aboveLow = low7 &+ ones &* (0x7F - UInt64(low))
        return belowHigh & ~self & aboveLow & (ones &* 0x80)
    }

    /// The high bit of each ASCII lower-case letter's lane.
    @inline(__always)
    var lowerCaseLanes: UInt64 { lanes(strictlyBetween: 0x60, and: 0x7B) }

    /// How many bytes, from the first in memory, are lower-case letters before one that is
    /// not (0 to 8). The word must have been loaded little-endian.
    @inline(__always)
    var leadingLowerCaseBytes: Int { (~lowerCaseLanes & 0x8080_8080_8080_8080).trailingZeroBitCount >> 3 }
}
