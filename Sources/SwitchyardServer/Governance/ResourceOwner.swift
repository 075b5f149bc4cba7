import SwitchyardCore

/// Who a stored response belongs to: the key that made it, and that key's team.
///
/// A response is visible to the key that made it and to the other keys of its team; to every
/// other caller, admins included, it does not exist (CONTRACT §3: conversations are private).
struct ResponseOwner: Sendable, Hashable {
    /// The key's token hash, or `master` / `open` for the master key and an open gateway.
    let keyHash: String
    let teamID: String?

    init(_ identity: CallerIdentity, teamID: String?) {
        switch identity {
        case .master: keyHash = "master"
        case .anonymous: keyHash = "open"
        case .virtualKey(let hash, _): keyHash = hash
        }
        self.teamID = teamID
    }

    func mayRead(_ response: StoredResponse) -> Bool {
        if response.ownerKeyHash == keyHash { return true }
        guard let teamID, let owner = response.teamID else { return false }
        return owner == teamID
    }
}

extension Governance {
    /// The owner a caller's stored resources are recorded under.
    func owner(_ identity: CallerIdentity) -> ResponseOwner {
        let team = identity.keyHash.flatMap { ledger.key(hash: $0)?.teamID }
        return ResponseOwner(identity, teamID: team)
    }
}
