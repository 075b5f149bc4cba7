import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs Swift concurrency's jobs on NIO's event loops instead of the global cooperative pool.
///
/// Each proxied request hops between socket I/O (event loops) and handler code (tasks). With
/// separate pools every hop is a thread switch and a wake-up; with one pool a task resumed by an
/// event loop stays on that loop's thread. Nothing in the gateway blocks a task (SQLite runs on
/// NIO's thread pool), which this requires. Set `SWITCHYARD_CONCURRENCY_POOL=swift` to opt out.
///
/// Jobs run as the *generic* executor, as the default pool runs them. NIO's own hook
/// (`unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`) runs them as the
/// loop's serial executor instead, and then every entry into a nonisolated async function is a
/// switch of executor back to the generic one: the task is queued on the loop again, about 40
/// times per proxied request. Run as the generic executor, those switches continue in place.
public enum EventLoopConcurrency {
    /// Installs the hook once per process; call it before the server starts.
    @discardableResult
    public static func install(environment: [String: String]) -> Bool {
        if environment["SWITCHYARD_CONCURRENCY_POOL"] == "swift" { return false }
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "swift_task_enqueueGlobal_hook") else { return false }
        let slot = symbol.assumingMemoryBound(to: UnsafeRawPointer?.self)
        guard slot.pointee == nil else { return false }
        SingletonLoops.identifiers = MultiThreadedEventLoopGroup.singleton.makeIterator().map { ObjectIdentifier($0) }
        let hook: EnqueueGlobalHook = { job, _ in EventLoopConcurrency.enqueue(job) }
        slot.pointee = unsafeBitCast(hook, to: UnsafeRawPointer.self)
        return true
    }

    /// Queues a job on the event loop it was made on, or on the next one when it was made
    /// elsewhere (a thread-pool thread, the main thread, a loop of another group).
    private static func enqueue(_ job: UnownedJob) {
        let loop: any EventLoop
        if let current = MultiThreadedEventLoopGroup.currentEventLoop,
           SingletonLoops.identifiers.contains(ObjectIdentifier(current)) {
            loop = current
        } else {
            loop = MultiThreadedEventLoopGroup.singleton.next()
        }
        loop.execute { job.runSynchronously(on: genericExecutor) }
    }

    /// The runtime's generic executor: no identity, no implementation.
    private static var genericExecutor: UnownedSerialExecutor {
        unsafeBitCast((UInt(0), UInt(0)), to: UnownedSerialExecutor.self)
    }
}

/// `swift_task_enqueueGlobal_hook`'s type: the job, and the runtime's own enqueue (unused).
private typealias EnqueueGlobalHook = @convention(thin) (UnownedJob, @convention(thin) (UnownedJob) -> Void) -> Void

/// The singleton group's loops, set once before the hook is installed and read-only after.
private enum SingletonLoops {
    nonisolated(unsafe) static var identifiers: [ObjectIdentifier] = []
}
