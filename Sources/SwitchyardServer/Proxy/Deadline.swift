import NIOCore
import SwitchyardCore

extension TimeAmount {
    /// Seconds as a config gives them, to the millisecond.
    static func inSeconds(_ seconds: Double) -> TimeAmount {
        .milliseconds(Int64(seconds * 1000))
    }
}

extension NIODeadline {
    static func after(seconds: Double) -> NIODeadline {
        .now() + .inSeconds(seconds)
    }
}

/// Lets a stream's iterator move into the response body writer; only one task uses it at a time.
final class IteratorBox<Iterator: AsyncIteratorProtocol>: @unchecked Sendable {
    var iterator: Iterator
    init(_ iterator: Iterator) { self.iterator = iterator }
}
