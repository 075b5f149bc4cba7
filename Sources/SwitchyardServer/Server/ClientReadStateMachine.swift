import NIOCore

/// What a client connection is waiting for from its client, and how long it may wait: nginx's
/// `client_header_timeout`, `client_body_timeout` and `keepalive_timeout`.
///
/// The connection handler feeds it events (bytes, a head, body parts, the end of a request,
/// an answer finished) and performs the action a timer check returns. Waiting is timed by
/// one lazily re-armed timer per connection: the machine only says when the current wait
/// falls due, so a busy keep-alive connection schedules nothing per request.
struct ClientReadStateMachine {
    struct Timeouts: Sendable {
        var header: TimeAmount
        var body: TimeAmount
        var keepAlive: TimeAmount
        /// How long a refused client's bytes are read and dropped after the refusal went out,
        /// so that it reads the answer instead of a reset (nginx's lingering close).
        var linger: TimeAmount = .seconds(2)
    }

    enum State: Equatable {
        /// No byte of a request yet: a new connection (timed by the header timeout) or an
        /// idle keep-alive one (timed by the keep-alive timeout).
        case awaitingRequest(since: NIODeadline, keptAlive: Bool)
        /// Some bytes of a head arrived; the head is not complete.
        case readingHead(since: NIODeadline)
        /// The head is in and its body is arriving; `path` shapes the error envelope.
        case readingBody(lastRead: NIODeadline, path: String)
        /// A body that streams to its route, which has enough of it for now (or has not begun
        /// reading it): the gateway reads nothing, so nothing is timed.
        case bodyPaused(path: String)
        /// Every request read is being answered or waits its turn: the answers are timed by
        /// the upstream deadlines, not by the client.
        case answering
        /// A request was refused and the refusal waits for the answers ahead of it: nothing
        /// more is read as a request.
        case refused
        /// The refusal went out: what the client still sends is dropped until it closes or the
        /// linger time is up.
        case lingering(since: NIODeadline)
        case closed
    }

    /// What the handler does when the timer fires.
    enum TimerAction: Equatable {
        /// Nothing is due: check again at `nextCheck`, if anything is being waited for.
        case wait
        /// An idle connection's time is up: close it without a word, as nginx does.
        case closeSilently
        /// A request stopped arriving: answer 408 (in `path`'s envelope, when known) and close.
        case refuse(path: String?)
        /// The linger after a refusal is over.
        case close
    }

    private(set) var state: State
    /// When the timer last fired.
    private var checkedAt = NIODeadline.uptimeNanoseconds(0)
    let timeouts: Timeouts

    init(timeouts: Timeouts, now: NIODeadline) {
        self.timeouts = timeouts
        self.state = .awaitingRequest(since: now, keptAlive: false)
    }

    /// When the current wait falls due, if anything is being waited for.
    var due: NIODeadline? {
        switch state {
        case .awaitingRequest(let since, let keptAlive): since + (keptAlive ? timeouts.keepAlive : timeouts.header)
        case .readingHead(let since): since + timeouts.header
        case .readingBody(let lastRead, _): lastRead + timeouts.body
        case .lingering(let since): since + timeouts.linger
        case .answering, .refused, .closed, .bodyPaused: nil
        }
    }

    /// Whether what arrives is still read as requests.
    var readsRequests: Bool {
        switch state {
        case .awaitingRequest, .readingHead, .readingBody, .bodyPaused, .answering: true
        case .refused, .lingering, .closed: false
        }
    }

    /// When the timer should look again. An idle keep-alive connection is looked at no later
    /// than a header timeout from now, so the head that starts on it (timed from its first
    /// byte by the shorter header timeout) never needs the timer moved earlier.
    var nextCheck: NIODeadline? {
        guard let due else { return nil }
        guard case .awaitingRequest(let since, true) = state else { return due }
        return min(due, max(since, checkedAt) + timeouts.header)
    }

    /// Whether the next bytes would start a request (the one event the raw-byte observer needs).
    var awaitsFirstByte: Bool {
        if case .awaitingRequest = state { return true }
        return false
    }

    /// Bytes arrived while no request was being read: a head has begun.
    mutating func bytesArrived(now: NIODeadline) {
        guard case .awaitingRequest(let since, let keptAlive) = state else { return }
        // A new connection's head is timed from the accept, as nginx times it.
        state = .readingHead(since: keptAlive ? now : since)
    }

    mutating func headReceived(path: String, now: NIODeadline) {
        guard readsRequests else { return }
        state = .readingBody(lastRead: now, path: path)
    }

    mutating func bodyReceived(now: NIODeadline) {
        guard case .readingBody(_, let path) = state else { return }
        state = .readingBody(lastRead: now, path: path)
    }

    /// The route reading a streamed body has enough for now: reading pauses, untimed.
    mutating func bodyPaused() {
        guard case .readingBody(_, let path) = state else { return }
        state = .bodyPaused(path: path)
    }

    /// The route wants more of its body: the gap between reads is timed again from `now`.
    mutating func bodyResumed(now: NIODeadline) {
        guard case .bodyPaused(let path) = state else { return }
        state = .readingBody(lastRead: now, path: path)
    }

    mutating func requestEnded() {
        guard readsRequests else { return }
        state = .answering
    }

    /// The answer in flight ended; `idle` when no other request waits for its turn.
    mutating func answerEnded(idle: Bool, now: NIODeadline) {
        guard idle, state == .answering else { return }
        state = .awaitingRequest(since: now, keptAlive: true)
    }

    /// A request is refused: nothing more is read as a request.
    mutating func refused() {
        guard state != .closed else { return }
        state = .refused
    }

    /// The refusal was written.
    mutating func refusalSent(now: NIODeadline) {
        guard state != .closed else { return }
        state = .lingering(since: now)
    }

    mutating func closed() {
        state = .closed
    }

    mutating func timerFired(now: NIODeadline) -> TimerAction {
        checkedAt = now
        guard let due, now >= due else { return .wait }
        switch state {
        case .awaitingRequest:
            state = .closed
            return .closeSilently
        case .lingering:
            state = .closed
            return .close
        case .readingHead:
            state = .refused
            return .refuse(path: nil)
        case .readingBody(_, let path):
            state = .refused
            return .refuse(path: path)
        case .answering, .refused, .closed, .bodyPaused:
            return .wait
        }
    }
}
