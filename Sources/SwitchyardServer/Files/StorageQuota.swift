import Synchronization
import SwitchyardCore

/// The storage limits of keys and teams, and the bytes of uploads in flight held against them.
///
/// What a key or team already stores is read from the store when its first upload begins; the
/// bytes of every upload then count in memory as they arrive, so two uploads streaming at
/// once cannot both pass a limit. While any upload of a scope is in flight, completed uploads
/// add to what it stores (and deletions here subtract), without reading the store again. The
/// count is per replica: replicas sharing PostgreSQL see each other's files from the store at
/// the start of each upload, not during it.
final class StorageQuota: Sendable {
    /// One limit an upload counts against.
    struct Limit: Sendable, Hashable {
        let scope: StorageScope
        let bytes: Int64
    }

    /// An upload's hold on its limits: what it reserved so far.
    final class Hold: Sendable {
        let limits: [Limit]
        fileprivate let reserved = Atomic<Int64>(0)
        fileprivate let ended = Atomic<Bool>(false)

        fileprivate init(limits: [Limit]) {
            self.limits = limits
        }

        /// Bytes reserved so far.
        var bytes: Int64 { reserved.load(ordering: .relaxed) }
    }

    /// A scope's uploads in flight on this replica.
    private struct Account {
        var uploads = 0
        /// What the scope stored when its uploads began, plus what completed since.
        var stored: Int64 = 0
        /// What uploads in flight have reserved.
        var reserved: Int64 = 0
        /// Counts completions, so an upload that read the store while another completed
        /// knows to read it again.
        var completions = 0
    }

    private let accounts = Mutex([StorageScope: Account]())
    private let store: any FileStore
    private let ledger: GovernanceLedger
    private let clock: any GatewayClock
    /// A key's limit when it sets none; nil for none.
    let defaultKeyLimit: Int64?

    init(store: any FileStore, ledger: GovernanceLedger, clock: any GatewayClock, defaultKeyLimit: Int64?) {
        self.store = store
        self.ledger = ledger
        self.clock = clock
        self.defaultKeyLimit = defaultKeyLimit
    }

    /// The limits `owner`'s files count against: the key's own (or the default) and its team's.
    func limits(for owner: ResourceOwner) -> [Limit] {
        owner.storageScopes.compactMap { scope in
            let bytes: Int64? = switch scope {
            case .key(let hash): ledger.key(hash: hash).flatMap(\.maxStorageBytes) ?? defaultKeyLimit
            case .team(let id): ledger.team(id: id)?.maxStorageBytes
            }
            return bytes.map { Limit(scope: scope, bytes: $0) }
        }
    }

    /// Begins an upload for `owner`; `release` or `complete` must end it.
    func hold(for owner: ResourceOwner) async throws -> Hold {
        let hold = Hold(limits: limits(for: owner))
        var joined: [StorageScope] = []
        do {
            for limit in hold.limits {
                try await join(limit.scope)
                joined.append(limit.scope)
            }
        } catch {
            leave(joined, reserved: 0, completed: false)
            throw error
        }
        return hold
    }

    /// A hold against no limit, for a file written whatever room is left.
    func unlimitedHold() -> Hold {
        Hold(limits: [])
    }

    /// Of the hold's limits, the one with the least room left, and what its scope holds
    /// (stored and in flight); nil when the hold has no limit.
    func tightest(_ hold: Hold) -> (limit: Limit, held: Int64)? {
        accounts.withLock { accounts in
            hold.limits.map { limit in
                let account = accounts[limit.scope] ?? Account()
                return (limit, account.stored + account.reserved)
            }.min { $0.limit.bytes - $0.held < $1.limit.bytes - $1.held }
        }
    }

    /// Reserves `bytes` more for the upload, or refuses them with a 413 that names the limit.
    func reserve(_ bytes: Int64, on hold: Hold) throws(GatewayError) {
        try accounts.withLock { accounts throws(GatewayError) in
            for limit in hold.limits {
                let account = accounts[limit.scope] ?? Account()
                if account.stored + account.reserved + bytes > limit.bytes {
                    throw Self.exceeded(limit, held: account.stored + account.reserved)
                }
            }
            for limit in hold.limits { accounts[limit.scope]?.reserved += bytes }
        }
        hold.reserved.add(bytes, ordering: .relaxed)
    }

    /// The upload completed: what it reserved is now stored.
    func complete(_ hold: Hold) {
        guard !hold.ended.exchange(true, ordering: .relaxed) else { return }
        leave(hold.limits.map(\.scope), reserved: hold.bytes, completed: true)
    }

    /// The upload failed: what it reserved is free again.
    func release(_ hold: Hold) {
        guard !hold.ended.exchange(true, ordering: .relaxed) else { return }
        leave(hold.limits.map(\.scope), reserved: hold.bytes, completed: false)
    }

    /// A file was deleted here: uploads in flight for its scopes have that much more room.
    func forget(_ file: StoredFile) {
        let scopes: [StorageScope] = [.key(hash: file.ownerKeyHash)] + (file.teamID.map { [.team(id: $0)] } ?? [])
        accounts.withLock { accounts in
            for scope in scopes {
                guard var account = accounts[scope], account.uploads > 0 else { continue }
                account.stored = max(0, account.stored - file.bytes)
                accounts[scope] = account
            }
        }
    }

    /// Counts one more upload of `scope`, reading what the scope stores when none is in flight.
    private func join(_ scope: StorageScope) async throws {
        while true {
            let completions = accounts.withLock { accounts -> Int? in
                guard let account = accounts[scope], account.uploads > 0 else { return accounts[scope]?.completions ?? 0 }
                accounts[scope]?.uploads += 1
                return nil
            }
            guard let completions else { return }
            let stored = try await store.storageUsed(by: scope, at: clock.wallTime())
            let joined = accounts.withLock { accounts -> Bool in
                var account = accounts[scope] ?? Account()
                if account.uploads == 0 {
                    // An upload that began and completed meanwhile may be missing from `stored`.
                    guard account.completions == completions else { return false }
                    account.stored = stored
                    account.reserved = 0
                }
                account.uploads += 1
                accounts[scope] = account
                return true
            }
            if joined { return }
        }
    }

    private func leave(_ scopes: [StorageScope], reserved: Int64, completed: Bool) {
        accounts.withLock { accounts in
            for scope in scopes {
                guard var account = accounts[scope] else { continue }
                account.uploads = max(0, account.uploads - 1)
                account.reserved = max(0, account.reserved - reserved)
                if completed {
                    account.stored += reserved
                    account.completions += 1
                }
                accounts[scope] = account
            }
        }
    }

    /// The 413 of an upload that does not fit `limit`, whose scope holds `held` bytes.
    static func exceeded(_ limit: Limit, held: Int64) -> GatewayError {
        let holder = if case .team = limit.scope { "this key's team" } else { "this key" }
        return GatewayError(
            .payloadTooLarge,
            "Storage limit exceeded: \(holder) may store \(limit.bytes) bytes of files and holds \(held); delete files or ask an admin to raise the limit.",
            param: "file", code: "storage_limit_exceeded"
        )
    }
}
