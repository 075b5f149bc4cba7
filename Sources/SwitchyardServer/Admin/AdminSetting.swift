import SwitchyardCore

/// One field an admin request may set on a key, team or user: its name, its schema, and how
/// its value is written. `/key/update` and its kin apply a table of these, and `/openapi.json`
/// describes the same table, so a field cannot be accepted without being described.
struct AdminSetting<Subject> {
    let name: String
    let schema: APISchema
    /// Writes the field (known to be present, perhaps null) onto the subject; `now` is the
    /// wall time, for fields that start a period.
    let write: (AdminFields, inout Subject, _ now: Double) throws -> Void

    static func string(_ name: String, _ path: WritableKeyPath<Subject, String?>, _ about: String) -> Self {
        Self(name: name, schema: APISchema.string.nullable.described(about)) { fields, subject, _ in subject[keyPath: path] = try fields.string(name) }
    }

    /// A list of strings; null clears it.
    static func strings(_ name: String, _ path: WritableKeyPath<Subject, [String]>, _ about: String) -> Self {
        Self(name: name, schema: APISchema.strings.nullable.described(about)) { fields, subject, _ in subject[keyPath: path] = try fields.strings(name) ?? [] }
    }

    /// An object of anything; null clears it.
    static func object(_ name: String, _ path: WritableKeyPath<Subject, [String: JSONValue]>, _ about: String) -> Self {
        Self(name: name, schema: APISchema.anyObject.nullable.described(about)) { fields, subject, _ in subject[keyPath: path] = try fields.dictionary(name) ?? [:] }
    }

    /// A flag; null is false.
    static func flag(_ name: String, _ path: WritableKeyPath<Subject, Bool>, _ about: String) -> Self {
        Self(name: name, schema: APISchema.boolean.nullable.described(about)) { fields, subject, _ in subject[keyPath: path] = try fields.bool(name) ?? false }
    }

    /// `max_storage_bytes`: bytes of files the holder may keep; null clears it.
    static func storageLimit(_ path: WritableKeyPath<Subject, Int64?>, _ about: String) -> Self {
        Self(name: "max_storage_bytes", schema: APISchema.nonNegativeInteger.nullable.described(about)) { fields, subject, _ in
            subject[keyPath: path] = try fields.integer("max_storage_bytes").map(Int64.init)
        }
    }

    /// The same field on a value that holds the subject (a key's limits).
    func lifted<Outer>(_ path: WritableKeyPath<Outer, Subject>) -> AdminSetting<Outer> {
        let write = write
        return AdminSetting<Outer>(name: name, schema: schema) { fields, outer, now in try write(fields, &outer[keyPath: path], now) }
    }
}

extension AdminSetting where Subject == BudgetLimits {
    /// The budget and limit fields keys, teams and users share.
    static var limits: [AdminSetting<BudgetLimits>] {
        [
            AdminSetting(name: "max_budget", schema: APISchema.nonNegative.nullable.described("USD that may be spent per budget period; null for no budget.")) { fields, limits, _ in
                limits.maxBudget = try fields.number("max_budget")
            },
            AdminSetting(name: "budget_duration", schema: durationSchema.nullable.described("How often spend resets: 30s, 15m, 1h, 1d, 30d, 1mo; null never.")) { fields, limits, now in
                limits.budgetDuration = try fields.duration("budget_duration")
                limits.budgetResetAt = limits.budgetDuration?.nextReset(after: now)
            },
            AdminSetting(name: "rpm_limit", schema: APISchema.nonNegativeInteger.nullable.described("Requests per minute.")) { fields, limits, _ in
                limits.rpmLimit = try fields.integer("rpm_limit")
            },
            AdminSetting(name: "tpm_limit", schema: APISchema.nonNegativeInteger.nullable.described("Tokens per minute.")) { fields, limits, _ in
                limits.tpmLimit = try fields.integer("tpm_limit")
            },
            AdminSetting(name: "max_parallel_requests", schema: APISchema.nonNegativeInteger.nullable.described("Requests in flight at once.")) { fields, limits, _ in
                limits.maxParallelRequests = try fields.integer("max_parallel_requests")
            },
        ]
    }
}

/// A duration as `BudgetDuration` reads it (at most 100 years).
let durationSchema = APISchema.string.adding("pattern", "^[1-9][0-9]{0,8}(s|m|h|d|mo)$")

extension AdminFields {
    /// Writes every field of `settings` the request sent onto `subject`, in table order.
    func apply<Subject>(_ settings: [AdminSetting<Subject>], to subject: inout Subject, now: Double) throws {
        for setting in settings where has(setting.name) {
            try setting.write(self, &subject, now)
        }
    }

    /// The JSON schema of a request body made of `settings` and `extra` members.
    static func schema<Subject>(_ settings: [AdminSetting<Subject>], extra: [(String, APISchema)] = [], required: [String] = []) -> APISchema {
        .object(extra + settings.map { ($0.name, $0.schema) }, required: required)
    }
}
