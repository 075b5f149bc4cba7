/// What a detector found. The raw value is the name used in config `categories`, in logs and
/// in the mask label (`[REDACTED_CREDIT_CARD]`); it never carries the matched text.
public enum GuardrailCategory: String, Sendable, Hashable, CaseIterable {
    // pii
    case email
    case phone
    case creditCard = "credit_card"
    case iban
    case usSSN = "us_ssn"
    case ukNINO = "uk_nino"
    case ipAddress = "ip_address"
    // secrets
    case openAIKey = "openai_key"
    case anthropicKey = "anthropic_key"
    case googleAPIKey = "google_api_key"
    case githubToken = "github_token"
    case slackToken = "slack_token"
    case stripeKey = "stripe_key"
    case awsAccessKey = "aws_access_key"
    case awsSecretKey = "aws_secret_key"
    case privateKey = "private_key"
    case jwt
    case bearerToken = "bearer_token"
    // prompt_injection
    case instructionOverride = "instruction_override"
    case rolePlay = "role_play"
    // content_filter
    case blockedWord = "blocked_word"
    case blockedPattern = "blocked_pattern"
    // moderation
    /// A moderation model flagged the text.
    case flaggedContent = "flagged_content"

    /// The categories the `pii` guardrail finds.
    public static let pii: [GuardrailCategory] = [.email, .phone, .creditCard, .iban, .usSSN, .ukNINO, .ipAddress]
    /// The categories the `secrets` guardrail finds.
    public static let secrets: [GuardrailCategory] = [
        .openAIKey, .anthropicKey, .googleAPIKey, .githubToken, .slackToken, .stripeKey,
        .awsAccessKey, .awsSecretKey, .privateKey, .jwt, .bearerToken,
    ]

    /// A category from config, by our name or by the Presidio entity LiteLLM users write
    /// (`EMAIL_ADDRESS`, `PHONE_NUMBER`, `CREDIT_CARD`, `IBAN_CODE`, `US_SSN`, `IP_ADDRESS`).
    public init?(configName: String) {
        let presidio: [String: GuardrailCategory] = [
            "EMAIL_ADDRESS": .email, "PHONE_NUMBER": .phone, "CREDIT_CARD": .creditCard, "IBAN_CODE": .iban,
            "US_SSN": .usSSN, "UK_NINO": .ukNINO, "IP_ADDRESS": .ipAddress,
        ]
        if let category = presidio[configName] ?? GuardrailCategory(rawValue: configName.lowercased()) {
            self = category
        } else {
            return nil
        }
    }

    /// What masking writes in place of a finding: `[REDACTED_EMAIL]`.
    public var maskLabel: String { "[REDACTED_\(rawValue.uppercased())]" }
}
