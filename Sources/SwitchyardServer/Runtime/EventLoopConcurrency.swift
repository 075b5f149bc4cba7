import NIOCore
import NIOPosix

/// Runs Swift concurrency's jobs on NIO's event loops instead of the global cooperative pool.
///
/// Each proxied request hops between socket I/O (event loops) and handler code (tasks). With
/// separate pools every hop is a thread switch and a wake-up; with one pool a task resumed by an
/// event loop stays on that loop's thread. Nothing in the gateway blocks a task (SQLite runs on
/// NIO's thread pool), which this requires. Set `SWITCHYARD_CONCURRENCY_POOL=swift` to opt out.
public enum EventLoopConcurrency {
    /// Installs the hook once per process; call it before the server starts.
    @discardableResult
    public static func install(environment: [String: String]) -> Bool {
        if environment["SWITCHYARD_CONCURRENCY_POOL"] == "swift" { return false }
        return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
