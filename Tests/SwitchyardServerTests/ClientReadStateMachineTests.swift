import NIOCore
import Testing

@testable import SwitchyardServer

/// How long a client connection waits for its client, with time given, not slept.
@Suite struct ClientReadStateMachineTests {
    static let timeouts = ClientReadStateMachine.Timeouts(header: .seconds(10), body: .seconds(30), keepAlive: .seconds(60))
    static let start = NIODeadline.uptimeNanoseconds(1_000_000_000_000)

    static func at(_ seconds: Int64) -> NIODeadline { start + .seconds(seconds) }

    @Test func aNewConnectionThatSendsNothingIsClosedSilentlyAfterTheHeaderTimeout() {
        var machine = ClientReadStateMachine(timeouts: Self.timeouts, now: Self.start)
        #expect(machine.nextCheck == Self.at(10))
        #expect(machine.timerFired(now: Self.at(9)) == .wait)
        #expect(machine.timerFired(now: Self.at(10)) == .closeSilently)
        #expect(machine.state == .closed)
    }

    @Test func aHeadStartedOnANewConnectionIsTimedFromTheAcceptAndRefusedWith408() {
        var machine = ClientReadStateMachine(timeouts: Self.timeouts, now: Self.start)
        machine.bytesArrived(now: Self.at(8))
        #expect(machine.nextCheck == Self.at(10))
        #expect(machine.timerFired(now: Self.at(10)) == .refuse(path: nil))
    }

    @Test func aBodyMayTakeLongAsLongAsNoGapPassesTheBodyTimeout() {
        var machine = ClientReadStateMachine(timeouts: Self.timeouts, now: Self.start)
        machine.bytesArrived(now: Self.at(1))
        machine.headReceived(path: "/v1/messages", now: Self.at(2))
        for second in stride(from: Int64(20), through: 200, by: 20) {
            machine.bodyReceived(now: Self.at(second))
            #expect(machine.timerFired(now: Self.at(second + 29)) == .wait)
        }
        #expect(machine.timerFired(now: Self.at(230)) == .refuse(path: "/v1/messages"))
    }

    @Test func nothingIsTimedWhileAnswering() {
        var machine = ClientReadStateMachine(timeouts: Self.timeouts, now: Self.start)
        machine.bytesArrived(now: Self.at(0))
        machine.headReceived(path: "/v1/chat/completions", now: Self.at(0))
        machine.requestEnded()
        #expect(machine.nextCheck == nil)
        #expect(machine.timerFired(now: Self.at(10_000)) == .wait)
        #expect(machine.state == .answering)
    }

    @Test func anIdleKeepAliveConnectionIsClosedSilentlyAfterTheKeepAliveTimeout() {
        var machine = ClientReadStateMachine(timeouts: Self.timeouts, now: Self.start)
        machine.headReceived(path: "/health", now: Self.at(0))
        machine.requestEnded()
        machine.answerEnded(idle: true, now: Self.at(1))
        // Looked at every header timeout, closed at the keep-alive timeout.
        #expect(machine.nextCheck == Self.at(11))
        #expect(machine.timerFired(now: Self.at(11)) == .wait)
        #expect(machine.nextCheck == Self.at(21))
        #expect(machine.timerFired(now: Self.at(61)) == .closeSilently)
    }

    @Test func aHeadStartedOnAKeptAliveConnectionIsTimedFromItsFirstByte() {
        var machine = ClientReadStateMachine(timeouts: Self.timeouts, now: Self.start)
        machine.headReceived(path: "/health", now: Self.at(0))
        machine.requestEnded()
        machine.answerEnded(idle: true, now: Self.at(1))
        machine.bytesArrived(now: Self.at(50))
        // The timer already set for 11 s is never later than what the new head needs.
        #expect(machine.timerFired(now: Self.at(11)) == .wait)
        #expect(machine.timerFired(now: Self.at(59)) == .wait)
        #expect(machine.timerFired(now: Self.at(60)) == .refuse(path: nil))
    }

    @Test func anAnswerWithPipelinedRequestsBehindItLeavesTheConnectionBusy() {
        var machine = ClientReadStateMachine(timeouts: Self.timeouts, now: Self.start)
        machine.headReceived(path: "/a", now: Self.at(0))
        machine.requestEnded()
        machine.answerEnded(idle: false, now: Self.at(1))
        #expect(machine.state == .answering)
        #expect(machine.awaitsFirstByte == false)
    }
}
