/// The bytes libFuzzer hands to `LLVMFuzzerTestOneInput`, copied so the checks can keep them.
func fuzzInput(_ start: UnsafeRawPointer?, _ count: Int) -> [UInt8] {
    guard let start, count > 0 else { return [] }
    return Array(UnsafeRawBufferPointer(start: start, count: count))
}
