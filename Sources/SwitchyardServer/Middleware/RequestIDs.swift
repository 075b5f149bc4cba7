import Foundation
import Synchronization

/// New request ids: time-ordered UUIDs (version 7, RFC 9562), made without a system call.
///
/// The first 48 bits are the Unix time in milliseconds, so ids sort by time and the spend
/// log's unique index on them grows at its right edge; random ids dirtied a random page of
/// that index for every row, which made log writes slower as the table grew. The remaining
/// bits are a per-process random value and a counter passed through SplitMix64's finalizer (a
/// bijection on 64 bits, of which 62 are kept): ids do not repeat within a process in practice,
/// differ between replicas, and are not guessable from one another. `UUID()` read the
/// kernel's random source on every call.
enum RequestIDs {
    private static let processBits = UInt64.random(in: .min ... .max)
    private static let counterSeed = UInt64.random(in: .min ... .max)
    private static let counter = Atomic<UInt64>(0)

    /// The id of a request: the client's own `x-request-id` when it sent a usable one (not
    /// empty, at most 200 characters), else a new one.
    static func forRequest(sending clientID: String?) -> String {
        clientID.flatMap { $0.isEmpty || $0.count > 200 ? nil : $0 } ?? next()
    }

    static func next(now: Date = Date()) -> String {
        let count = counter.add(1, ordering: .relaxed).newValue
        let milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000)) & 0xFFFF_FFFF_FFFF
        // 48 bits of time, version 7, then 12 bits of this process's random value.
        let high = (milliseconds << 16) | 0x7000 | (processBits & 0x0FFF)
        // The RFC variant, then 62 bits unique to this process's count.
        let low = (mix(counterSeed &+ count) & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return format(high: high, low: low)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX`, upper-case hex, as `UUID().uuidString` writes it.
    static func format(high: UInt64, low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            let digits: StaticString = "0123456789ABCDEF"
            var position = 0
            func put(_ value: UInt64, nibbles: Int) {
                for shift in stride(from: (nibbles - 1) * 4, through: 0, by: -4) {
                    buffer[position] = digits.utf8Start[Int((value >> UInt64(shift)) & 0xF)]
                    position += 1
                }
            }
            func dash() {
                buffer[position] = UInt8(ascii: "-")
                position += 1
            }
            put(high >> 32, nibbles: 8)
            dash()
            put(high >> 16, nibbles: 4)
            dash()
            put(high, nibbles: 4)
            dash()
            put(low >> 48, nibbles: 4)
            dash()
            put(low, nibbles: 12)
            return 36
        }
    }
}
