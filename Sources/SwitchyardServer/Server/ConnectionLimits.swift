import Glibc
import NIOCore
import SwitchyardCore

/// What one client connection may take, and how long it may take it: the request size caps,
/// nginx's client timeouts, the shutdown grace and the cap on open connections.
struct ConnectionLimits: Sendable {
    var maxRequestBodyBytes: Int
    var maxHeaderBytes: Int
    var timeouts: ClientReadStateMachine.Timeouts
    /// How long a client may leave what the gateway writes unread (`send_timeout`).
    var sendTimeout: TimeAmount
    /// How long a request in flight may still run once the server is shutting down.
    var gracefulShutdownTimeout: TimeAmount
    var maxConnections: Int

    init(settings: GeneralSettings, maxRequestBodyBytes: Int, fileDescriptorLimit: Int = FileDescriptorLimit.current) {
        self.maxRequestBodyBytes = maxRequestBodyBytes
        self.maxHeaderBytes = Int(settings.maxHeaderSizeKB * 1024)
        self.timeouts = .init(
            header: .inSeconds(settings.clientHeaderTimeout),
            body: .inSeconds(settings.clientBodyTimeout),
            keepAlive: .inSeconds(settings.keepaliveTimeout)
        )
        self.sendTimeout = .inSeconds(settings.sendTimeout)
        self.gracefulShutdownTimeout = .inSeconds(max(0, settings.gracefulShutdownTimeout))
        self.maxConnections = settings.maxConnections ?? Self.defaultMaxConnections(fileDescriptorLimit: fileDescriptorLimit)
    }

    /// Half of the descriptors left after a reserve for the store, logs and listeners: every
    /// client connection may need one upstream connection beside it.
    static func defaultMaxConnections(fileDescriptorLimit: Int) -> Int {
        max(32, (fileDescriptorLimit - 256) / 2)
    }
}

/// The process's limit on open file descriptors.
enum FileDescriptorLimit {
    /// The soft limit, raised to the hard limit first (as Go's runtime and nginx's
    /// `worker_rlimit_nofile` do): a server should be able to use what the system allows.
    static let current: Int = {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return Int(min(limit.rlim_cur, 1 << 20))
    }()
}
