import NIOCore

/// A request's claim on a connection to one host, under the pool's per-host cap.
enum Lease {
    /// An idle keep-alive connection, taken off its stack or handed over by a finishing request.
    case reuse(LeanConnection)
    /// A free slot under the cap: the holder opens a new connection, and gives the slot back
    /// if it cannot.
    case connect
}

/// A request queued because every connection to its host was busy and the cap reached.
struct Waiter {
    let id: UInt64
    let continuation: UnsafeContinuation<Lease, any Error>
    /// Fails the wait at the request's deadline; cancelled when the wait ends otherwise.
    var timer: Scheduled<Void>?
}
