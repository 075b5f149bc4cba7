import HTTPTypes
import Hummingbird
import SwitchyardCore

extension HTTPField.Name {
    static let switchyardTags = HTTPField.Name("x-switchyard-tags")!
}

extension Gateway {
    /// `x-switchyard-tags: a,b`: trimmed, non-empty, at most 32.
    static func tags(_ request: Request) -> [String] {
        guard let header = request.headers[.switchyardTags] else { return [] }
        return header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.prefix(32).map { $0 }
    }
}
