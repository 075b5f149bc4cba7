import NIOCore
import NIOPosix

/// The idle connections to one host: a LIFO stack per event loop.
///
/// A caller running on an event loop gets a connection of that loop when one is idle, so the
/// request, its response and the caller's own socket stay on one thread instead of waking
/// another for each hop. Otherwise it takes the most recently used connection of another loop.
struct IdleStacks<Connection: LoopAffine> {
    private var stacks: [(loop: ObjectIdentifier, connections: [Connection])] = []
    private(set) var count = 0


    mutating func push(_ connection: Connection) {
        count += 1
        if let index = stacks.firstIndex(where: { $0.loop == connection.loop }) {
            stacks[index].connections.append(connection)
        } else {
            stacks.append((connection.loop, [connection]))
        }
    }

    /// The most recently used connection of `loop`, else of the loop with the most idle ones.
    mutating func pop(preferring loop: ObjectIdentifier?) -> Connection? {
        guard count > 0 else { return nil }
        var chosen = stacks.firstIndex(where: { $0.loop == loop && !$0.connections.isEmpty })
        if chosen == nil, let fullest = stacks.indices.max(by: { stacks[$0].connections.count < stacks[$1].connections.count }) {
            chosen = fullest
        }
        guard let index = chosen, let connection = stacks[index].connections.popLast() else { return nil }
        count -= 1
        return connection
    }

    /// Removes `connection` if it is idle here.
    mutating func remove(_ connection: Connection) -> Bool {
        guard let index = stacks.firstIndex(where: { $0.loop == connection.loop }),
              let position = stacks[index].connections.lastIndex(where: { $0 === connection })
        else { return false }
        stacks[index].connections.remove(at: position)
        count -= 1
        return true
    }
}

/// A connection bound to one event loop.
protocol LoopAffine: AnyObject {
    /// `ObjectIdentifier` of the connection's event loop.
    var loop: ObjectIdentifier { get }
}

extension IdleStacks {
    /// The loop the calling thread runs, if it is an event loop.
    static var currentLoop: ObjectIdentifier? {
        MultiThreadedEventLoopGroup.currentEventLoop.map { ObjectIdentifier($0) }
    }
}

extension IdleStacks: Sendable where Connection: Sendable {}
