import Glibc
import HTTPTypes
import NIOCore
import SwitchyardCore

/// What one client connection may take, and how long it may take it: the request size caps,
/// nginx's client timeouts, the shutdown grace and the cap on open connections.
struct ConnectionLimits: Sendable {
    var maxRequestBodyBytes: Int
    /// Requests whose bodies stream to their route under a cap of their own (file uploads).
    var streamedUploads: StreamedUploads
    var maxHeaderBytes: Int
    var timeouts: ClientReadStateMachine.Timeouts
    /// How long a client may leave what the gateway writes unread (`send_timeout`).
    var sendTimeout: TimeAmount
    /// How long a request in flight may still run once the server is shutting down.
    var gracefulShutdownTimeout: TimeAmount
    var maxConnections: Int

    init(
        settings: GeneralSettings, maxRequestBodyBytes: Int, streamedUploads: StreamedUploads = .none,
        fileDescriptorLimit: Int = FileDescriptorLimit.current
    ) {
        self.maxRequestBodyBytes = maxRequestBodyBytes
        self.streamedUploads = streamedUploads
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

/// Requests whose bodies are handed to their route as they arrive, instead of being collected
/// first under `max_request_size_mb`: `POST` to the file upload paths, capped at the largest
/// file plus its form (`max_file_size_mb`).
struct StreamedUploads: Sendable {
    var paths: Set<String>
    var maxBodyBytes: Int

    static let none = StreamedUploads(paths: [], maxBodyBytes: 0)

    /// The body cap of `head` when its body streams; nil when it is collected whole.
    func limit(for head: HTTPRequest) -> Int? {
        guard head.method == .post, let target = head.path else { return nil }
        let path = target.firstIndex(of: "?").map { target[..<$0] } ?? target[...]
        return paths.contains(String(path)) ? maxBodyBytes : nil
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
