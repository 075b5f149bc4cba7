import Testing

@testable import SwitchyardCore

@Suite struct ImageSizeTests {
    @Test("WxH in either case, and auto")
    func parse() {
        #expect(ImageSize("1024x1024") == .pixels(width: 1024, height: 1024))
        #expect(ImageSize("1536X1024")?.width == 1536)
        #expect(ImageSize("1536x1024")?.height == 1024)
        #expect(ImageSize("256x256")?.pixelCount == 65536)
        #expect(ImageSize("auto") == .auto)
        #expect(ImageSize("AUTO")?.pixelCount == nil)
        #expect(ImageSize("1024x1024")?.description == "1024x1024")
    }

    @Test("malformed sizes", arguments: ["", "1024", "x1024", "1024x", "0x10", "-5x10", "10x10x10", "ax b", "large"])
    func malformed(text: String) {
        #expect(ImageSize(text) == nil)
    }
}
