import Synchronization
import Testing
@testable import SwitchyardCore

@Suite struct AddressRateLimitTests {
    final class TestClock: GatewayClock {
        private let time = Mutex(0.0)
        func now() -> Double { time.withLock { $0 } }
        func advance(_ seconds: Double) { time.withLock { $0 += seconds } }
        func sleep(seconds: Double) async throws { advance(seconds) }
    }

    @Test func eachAddressGetsItsOwnWindowOnTheInjectedClock() {
        let clock = TestClock()
        let limiter = AddressRateLimiter(settings: AddressRateLimitSettings(requests: 3, window: 600), clock: clock)
        for _ in 0..<3 { #expect(limiter.admit("203.0.113.7") == nil) }
        #expect(limiter.admit("203.0.113.7") == 600)
        #expect(limiter.admit("198.51.100.1") == nil, "another address is not held back")
        clock.advance(599.5)
        #expect(limiter.admit("203.0.113.7") == 1)
        clock.advance(0.5)
        #expect(limiter.admit("203.0.113.7") == nil, "a new window")
    }

    @Test func trackedAddressesStayBounded() {
        let clock = TestClock()
        let limiter = AddressRateLimiter(settings: AddressRateLimitSettings(requests: 1, window: 60), clock: clock, maxAddresses: 100)
        for index in 0..<1000 {
            _ = limiter.admit("10.0.\(index / 256).\(index % 256)")
            clock.advance(0.01)
        }
        #expect(limiter.trackedAddresses <= 100)
        // The newest addresses are still held to their window.
        #expect(limiter.admit("10.0.3.231") != nil)
    }

    @Test func forwardedForCountsOnlyBehindATrustedProxy() {
        let resolver = ClientAddressResolver(trustedProxies: ["10.0.0.5", "172.16.0.0/12"])
        #expect(resolver.clientAddress(peer: "203.0.113.9", forwardedFor: "1.2.3.4") == "203.0.113.9", "a client cannot name itself")
        #expect(resolver.clientAddress(peer: "10.0.0.5", forwardedFor: "1.2.3.4") == "1.2.3.4")
        #expect(resolver.clientAddress(peer: "172.20.1.1", forwardedFor: "9.9.9.9, 1.2.3.4, 172.16.0.3") == "1.2.3.4")
        #expect(resolver.clientAddress(peer: "172.32.0.1", forwardedFor: "1.2.3.4") == "172.32.0.1", "outside the /12")
        #expect(resolver.clientAddress(peer: "10.0.0.5", forwardedFor: nil) == "10.0.0.5")
    }
}
