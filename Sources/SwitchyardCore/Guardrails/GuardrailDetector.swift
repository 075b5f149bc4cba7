/// A built-in detector: a pure, linear scan of one text.
///
/// Detectors run on every text of every guarded request, so they scan `text.utf8` by hand
/// where a regex is not needed, and never allocate per byte.
public protocol GuardrailDetector: Sendable {
    /// Every finding in `text`, in no particular order; overlapping findings are allowed.
    func findings(in text: String) -> [GuardrailFinding]
}
