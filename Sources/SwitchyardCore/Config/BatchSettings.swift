/// How the gateway runs batches (`general_settings.batch_*`).
public struct BatchSettings: Sendable, Hashable {
    /// Lines run at once on this replica, over all the batches it runs (`batch_concurrency`).
    public var concurrency: Int = 8
    /// Seconds a replica's claim on a batch lasts unless renewed (`batch_lease_seconds`): how
    /// long a batch waits after its replica died before another takes it over.
    public var leaseSeconds: Double = 30
    /// Seconds between looks for batches to run that another replica made or let go
    /// (`batch_poll_interval`); a batch made on this replica starts at once.
    public var pollInterval: Double = 1

    public init() {}
}
