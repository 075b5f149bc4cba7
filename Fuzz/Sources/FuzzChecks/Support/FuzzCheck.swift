/// Stops the run when an invariant fails, so libFuzzer saves the input that broke it.
///
/// Parsers that merely reject bad input are doing their job; a check here fails only when
/// an answer contradicts another answer or the input (a range outside the bytes, a result
/// that depends on how the bytes were chunked).
func fuzzCheck(
    _ condition: Bool,
    _ message: @autoclosure () -> String,
    file: StaticString = #fileID,
    line: UInt = #line
) {
    guard !condition else { return }
    fatalError("invariant violated: \(message())", file: file, line: line)
}
