/// What a request says about which guardrails to run: the `x-switchyard-guard` header.
public enum GuardrailOverride: Sendable, Equatable {
    /// `none`: run only the guardrails that may not be switched off.
    case off
    /// `a,b`: run only these (of those that would run), plus the ones that may not be switched off.
    case only(Set<String>)

    /// Reads the header; nil for an absent or blank header.
    public init?(header: String?) {
        guard let header else { return nil }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        if trimmed.lowercased() == "none" {
            self = .off
            return
        }
        let names = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        self = .only(Set(names))
    }
}
