import NIOCore
import SwitchyardCore

extension NIODeadline {
    static func after(seconds: Double) -> NIODeadline {
        .now() + .milliseconds(Int64(seconds * 1000))
    }
}

/// Lets a stream's iterator move into the response body writer; only one task uses it at a time.
final class IteratorBox<Iterator: AsyncIteratorProtocol>: @unchecked Sendable {
    var iterator: Iterator
    init(_ iterator: Iterator) { self.iterator = iterator }
}
