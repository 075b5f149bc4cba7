@testable import LeanHTTP
import Testing

@Suite struct IdleStacksTests {
    final class Connection: LoopAffine {
        let loop: ObjectIdentifier
        let name: String
        init(_ name: String, loop: AnyObject) {
            self.name = name
            self.loop = ObjectIdentifier(loop)
        }
    }

    final class Loop {}

    /// The names popped, in order, for callers on `loops` (nil: a caller off any loop).
    static func pops(_ stacks: inout IdleStacks<Connection>, _ loops: [Loop?]) -> [String?] {
        loops.map { loop in stacks.pop(preferring: loop.map { ObjectIdentifier($0) })?.name }
    }

    @Test func prefersTheCallersLoopMostRecentFirst() {
        let (a, b) = (Loop(), Loop())
        var stacks = IdleStacks<Connection>()
        for connection in [Connection("a1", loop: a), Connection("b1", loop: b), Connection("a2", loop: a)] {
            stacks.push(connection)
        }
        #expect(stacks.count == 3)
        // With none left on b, a caller on b takes another loop's connection rather than connecting.
        let order = Self.pops(&stacks, [b, a, b, a])
        #expect(order == ["b1", "a2", "a1", nil])
        #expect(stacks.count == 0)
    }

    @Test func aCallerOffAnyLoopTakesFromTheFullestStack() {
        let (a, b) = (Loop(), Loop())
        var stacks = IdleStacks<Connection>()
        for connection in [Connection("a1", loop: a), Connection("b1", loop: b), Connection("b2", loop: b)] {
            stacks.push(connection)
        }
        let order = Self.pops(&stacks, [nil])
        #expect(order == ["b2"])
    }

    @Test func removesOnlyWhatIsIdle() {
        let a = Loop()
        let (one, two) = (Connection("1", loop: a), Connection("2", loop: a))
        var stacks = IdleStacks<Connection>()
        stacks.push(one)
        let removedTwo = stacks.remove(two)
        let removedOne = stacks.remove(one)
        let removedAgain = stacks.remove(one)
        #expect(!removedTwo && removedOne && !removedAgain)
        #expect(stacks.count == 0)
    }
}
