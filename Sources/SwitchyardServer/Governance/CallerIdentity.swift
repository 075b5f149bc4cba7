import SwitchyardCore

/// Who sent a request, as the auth middleware established it.
enum CallerIdentity: Sendable {
    /// The master key: everything, no limits.
    case master
    /// No master key is configured and the caller presented no virtual key: the open gateway.
    case anonymous
    /// A virtual key; `isAdmin` when it belongs to a `proxy_admin` user.
    case virtualKey(hash: String, isAdmin: Bool)

    var mayAdminister: Bool {
        switch self {
        case .master, .anonymous: true
        case .virtualKey(_, let isAdmin): isAdmin
        }
    }

    var keyHash: String? {
        if case .virtualKey(let hash, _) = self { return hash }
        return nil
    }
}
