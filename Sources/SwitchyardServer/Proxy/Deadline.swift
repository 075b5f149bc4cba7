import NIOCore
import SwitchyardCore

/// Runs `operation`, failing with a 504 `GatewayError` if it takes longer than `seconds`.
func withTimeout<T: Sendable>(
    _ seconds: Double,
    provider: String,
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            throw GatewayError(.timeout, "The upstream \(provider) did not answer within \(seconds) s.", code: "upstream_timeout")
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return first
    }
}

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
