import SwitchyardCore

/// Who the stored resources a caller makes belong to (responses, files): the key, and that
/// key's team; and whether the caller is an admin.
///
/// A resource is visible to the key that made it and to the other keys of its team. Whether
/// admins (the master key, an admin user's key, anyone on an open gateway) see everyone's is
/// the resource's choice: files yes, conversations never (CONTRACT §3).
struct ResourceOwner: Sendable, Hashable {
    /// Whether admins reach other owners' resources of a kind.
    enum AdminReach: Sendable {
        /// Private even from admins (stored responses).
        case ownersOnly
        /// Admins read, list and delete every one (files).
        case everything
    }

    /// The key's token hash, or `master` / `open` for the master key and an open gateway.
    let keyHash: String
    let teamID: String?
    let isAdmin: Bool
    /// The caller is a virtual key, with limits (not the master key, not an open gateway).
    let isVirtualKey: Bool

    init(_ identity: CallerIdentity, teamID: String?) {
        switch identity {
        case .master: keyHash = "master"
        case .anonymous: keyHash = "open"
        case .virtualKey(let hash, _): keyHash = hash
        }
        self.isVirtualKey = identity.keyHash != nil
        self.teamID = teamID
        self.isAdmin = identity.mayAdminister
    }

    /// Whether this caller may read, or delete, what `ownerKeyHash` made under `teamID`.
    func mayAccess(ownerKeyHash: String, teamID: String?, admins: AdminReach) -> Bool {
        visibility(admins: admins).includes(ownerKeyHash: ownerKeyHash, teamID: teamID)
    }

    /// What a store lists for this caller.
    func visibility(admins: AdminReach) -> FileVisibility {
        isAdmin && admins == .everything ? .all : .owner(keyHash: keyHash, teamID: teamID)
    }

    func mayRead(_ response: StoredResponse) -> Bool {
        mayAccess(ownerKeyHash: response.ownerKeyHash, teamID: response.teamID, admins: .ownersOnly)
    }

    /// The scopes whose storage limits this caller's uploads count against: the key (not the
    /// master key or an open gateway) and its team.
    var storageScopes: [StorageScope] {
        guard isVirtualKey else { return [] }
        return [.key(hash: keyHash)] + (teamID.map { [.team(id: $0)] } ?? [])
    }
}

extension Governance {
    /// The owner a caller's stored resources are recorded under.
    func owner(_ identity: CallerIdentity) -> ResourceOwner {
        let team = identity.keyHash.flatMap { ledger.key(hash: $0)?.teamID }
        return ResourceOwner(identity, teamID: team)
    }
}
