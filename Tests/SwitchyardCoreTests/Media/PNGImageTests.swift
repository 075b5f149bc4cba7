import Testing

@testable import SwitchyardCore

/// The PNG writer's output, checked structurally: signature, chunk CRCs, IHDR, zlib stream.
@Suite struct PNGImageTests {
    private struct Chunk {
        var type: String
        var data: [UInt8]
    }

    private static func uint32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Splits a PNG into chunks, checking each CRC.
    private static func chunks(_ png: [UInt8]) throws -> [Chunk] {
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var chunks: [Chunk] = []
        var offset = 8
        while offset < png.count {
            let length = Int(uint32(png[offset..<offset + 4]))
            let typeAndData = Array(png[(offset + 4)..<(offset + 8 + length)])
            let crc = uint32(png[(offset + 8 + length)..<(offset + 12 + length)])
            #expect(CRC32.checksum(typeAndData) == crc)
            chunks.append(Chunk(type: String(decoding: typeAndData.prefix(4), as: UTF8.self), data: Array(typeAndData.dropFirst(4))))
            offset += 12 + length
        }
        #expect(offset == png.count)
        return chunks
    }

    /// Inflates a zlib stream made only of stored blocks, checking header and Adler-32.
    private static func inflateStored(_ stream: [UInt8]) throws -> [UInt8] {
        #expect((UInt16(stream[0]) << 8 | UInt16(stream[1])) % 31 == 0)
        #expect(stream[0] & 0x0F == 8)  // deflate
        var output: [UInt8] = []
        var offset = 2
        while true {
            let header = stream[offset]
            #expect(header & 0b110 == 0)  // stored
            let length = Int(stream[offset + 1]) | Int(stream[offset + 2]) << 8
            let complement = Int(stream[offset + 3]) | Int(stream[offset + 4]) << 8
            #expect(length ^ complement == 0xFFFF)
            output += stream[(offset + 5)..<(offset + 5 + length)]
            offset += 5 + length
            if header & 1 == 1 { break }
        }
        #expect(uint32(stream[offset..<offset + 4]) == Adler32.checksum(output))
        #expect(offset + 4 == stream.count)
        return output
    }

    @Test("a solid 8x8 image: IHDR, IDAT, IEND and the pixels")
    func solid() throws {
        let png = PNGImage.solid(width: 8, height: 3, red: 10, green: 20, blue: 30)
        let chunks = try Self.chunks(png)
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        #expect(chunks[0].data == [0, 0, 0, 8, 0, 0, 0, 3, 8, 2, 0, 0, 0])
        #expect(chunks[2].data.isEmpty)
        let pixels = try Self.inflateStored(chunks[1].data)
        let row: [UInt8] = [0] + Array([[UInt8]](repeating: [10, 20, 30], count: 8).joined())
        #expect(pixels == Array([[UInt8]](repeating: row, count: 3).joined()))
    }

    @Test("images over 64 KiB of pixels use several stored blocks")
    func large() throws {
        let png = PNGImage.solid(width: 200, height: 150, red: 1, green: 2, blue: 3)
        let chunks = try Self.chunks(png)
        #expect(try Self.inflateStored(chunks[1].data).count == (1 + 600) * 150)
    }

    @Test("Adler-32 check values")
    func adler() {
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Adler32.checksum([UInt8]()) == 1)
        // Long runs of 0xFF stress the deferred modulo; compare with reducing every byte.
        let long = [UInt8](repeating: 0xFF, count: 100_000)
        var a: UInt64 = 1
        var b: UInt64 = 0
        for byte in long {
            a = (a + UInt64(byte)) % 65521
            b = (b + a) % 65521
        }
        #expect(Adler32.checksum(long) == UInt32(b << 16 | a))
    }
}
