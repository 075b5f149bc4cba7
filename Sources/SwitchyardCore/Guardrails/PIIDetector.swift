/// The built-in `pii` guardrail: emails, phone numbers, payment cards (Luhn), IBANs (mod 97),
/// national ids (US SSN, UK NINO) and IP addresses, found without any external service.
///
/// A text without an `@` is not scanned for emails, nor one without a digit for anything else.
/// Each category is one linear scan over the UTF-8 bytes; numbers are validated (checksums,
/// octet ranges, reserved ranges) so that dates, versions, ids and plain long numbers do not
/// count.
public struct PIIDetector: GuardrailDetector {
    /// The categories looked for; by default all of `GuardrailCategory.pii`.
    public var categories: Set<GuardrailCategory>

    public init(categories: Set<GuardrailCategory> = Set(GuardrailCategory.pii)) {
        self.categories = categories
    }

    public func findings(in text: String) -> [GuardrailFinding] {
        text.withUTF8Bytes { bytes in
            var found: [GuardrailFinding] = []
            if categories.contains(.email), bytes.contains(byte: UInt8(ascii: "@")) { Self.emails(in: bytes, into: &found) }
            // Every other category is a number of some kind: a text without a digit has none.
            guard bytes.containsASCIIDigit() else { return found }
            if categories.contains(.phone) { Self.phoneNumbers(in: bytes, into: &found) }
            if categories.contains(.creditCard) { Self.paymentCards(in: bytes, into: &found) }
            if categories.contains(.iban) { Self.ibans(in: bytes, into: &found) }
            if categories.contains(.usSSN) { Self.socialSecurityNumbers(in: bytes, into: &found) }
            if categories.contains(.ukNINO) { Self.nationalInsuranceNumbers(in: bytes, into: &found) }
            if categories.contains(.ipAddress) {
                Self.ipv4Addresses(in: bytes, into: &found)
                Self.ipv6Addresses(in: bytes, into: &found)
            }
            return found
        }
    }
}
