import Foundation
import Synchronization

/// `general_settings.ip_rate_limit`: at most `requests` per client address in each `window`,
/// counted before any key is checked, as a safety net against one address flooding the
/// gateway.
public struct AddressRateLimitSettings: Sendable, Equatable {
    public var requests: Int
    /// Seconds.
    public var window: Double

    public init(requests: Int, window: Double) {
        self.requests = requests
        self.window = window
    }
}

/// Counts requests per client address in fixed windows on the injected clock.
///
/// Memory is bounded: when more than `maxAddresses` are tracked, addresses whose window has
/// passed are forgotten, and if that is not enough the oldest windows go first.
public final class AddressRateLimiter: Sendable {
    private struct Window {
        var start: Double
        var count: Int
    }

    public let settings: AddressRateLimitSettings
    private let clock: any GatewayClock
    private let maxAddresses: Int
    private let windows = Mutex([String: Window]())

    public init(settings: AddressRateLimitSettings, clock: any GatewayClock, maxAddresses: Int = 100_000) {
        self.settings = settings
        self.clock = clock
        self.maxAddresses = maxAddresses
    }

    /// Counts one request from `address`; the seconds to wait when it is over the limit.
    public func admit(_ address: String) -> Double? {
        let now = clock.now()
        let settings = settings
        return windows.withLock { windows -> Double? in
            var window = windows[address] ?? Window(start: now, count: 0)
            if now - window.start >= settings.window { window = Window(start: now, count: 0) }
            if window.count >= settings.requests {
                return max(1, (window.start + settings.window - now).rounded(.up))
            }
            window.count += 1
            if windows[address] == nil && windows.count >= maxAddresses { Self.prune(&windows, now: now, window: settings.window, keep: maxAddresses / 2) }
            windows[address] = window
            return nil
        }
    }

    public var trackedAddresses: Int { windows.withLock { $0.count } }

    private static func prune(_ windows: inout [String: Window], now: Double, window: Double, keep: Int) {
        windows = windows.filter { now - $0.value.start < window }
        guard windows.count > keep else { return }
        let newest = windows.sorted { $0.value.start > $1.value.start }.prefix(keep)
        windows = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
    }
}

/// Which address a request comes from: the peer's, or, when the peer is a trusted proxy, the
/// nearest address in `X-Forwarded-For` that is not one of the trusted proxies.
public struct ClientAddressResolver: Sendable {
    /// Addresses (`10.0.0.5`) and IPv4 networks (`10.0.0.0/8`) of the proxies in front of the
    /// gateway, from `general_settings.trusted_proxies`.
    public let trustedProxies: [String]

    public init(trustedProxies: [String]) {
        self.trustedProxies = trustedProxies
    }

    public func clientAddress(peer: String, forwardedFor: String?) -> String {
        guard isTrusted(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for hop in hops.reversed() where !isTrusted(hop) { return hop }
        return hops.first ?? peer
    }

    func isTrusted(_ address: String) -> Bool {
        trustedProxies.contains { entry in
            guard let slash = entry.firstIndex(of: "/") else { return entry == address }
            guard let bits = Int(entry[entry.index(after: slash)...]), (0...32).contains(bits),
                let network = Self.ipv4(String(entry[..<slash])), let candidate = Self.ipv4(address)
            else { return false }
            let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
            return network & mask == candidate & mask
        }
    }

    static func ipv4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".")
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }
}
