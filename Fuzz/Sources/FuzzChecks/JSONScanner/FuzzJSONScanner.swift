import SwitchyardCore

/// One input, read the ways a request or response body is read: validated as any JSON
/// value, indexed as an object, looked up, edited and re-indexed, and searched for usage in
/// each dialect's shape.
@_cdecl("SwitchyardFuzzJSONScanner")
public func fuzzJSONScanner(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let input = fuzzInput(start, count)
    input.withUnsafeBytes { bytes in
        var validationError: JSONSyntaxError?
        do throws(JSONSyntaxError) {
            try JSONScanner.validate(bytes)
        } catch {
            validationError = error
        }
        let isValue = validationError == nil
        JSONFoundationAgreement.check(bytes, scannerError: validationError)
        do throws(JSONSyntaxError) {
            let index = try JSONScanner.indexObject(bytes)
            fuzzCheck(isValue, "indexObject accepted a body validate rejects")
            JSONIndexChecks.check(index, in: bytes)
            JSONEditChecks.check(index, in: bytes)
        } catch {
            fuzzCheck((0...bytes.count).contains(error.offset), "error offset \(error.offset) outside the \(bytes.count) input bytes")
            let opensObject = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
            fuzzCheck(!(isValue && opensObject), "validate accepted an object indexObject rejects: \(error)")
        }
        for dialect in [UsageReader.Dialect.openAI, .anthropic, .gemini] {
            _ = UsageReader.usage(inWhole: bytes, dialect: dialect)
        }
        _ = Usage(scanning: bytes)
    }
    return 0
}
