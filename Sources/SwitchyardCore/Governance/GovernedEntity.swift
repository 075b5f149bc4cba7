/// Something that carries a budget and limits: a virtual key, a team or a user.
public enum GovernedEntity: Sendable, Hashable, CustomStringConvertible {
    /// A virtual key, by the hex SHA-256 of its secret.
    case key(String)
    case team(String)
    case user(String)

    public var kind: String {
        switch self {
        case .key: "key"
        case .team: "team"
        case .user: "user"
        }
    }

    public var id: String {
        switch self {
        case .key(let id), .team(let id), .user(let id): id
        }
    }

    public init?(kind: String, id: String) {
        switch kind {
        case "key": self = .key(id)
        case "team": self = .team(id)
        case "user": self = .user(id)
        default: return nil
        }
    }

    public var description: String { "\(kind) \(id)" }
}
