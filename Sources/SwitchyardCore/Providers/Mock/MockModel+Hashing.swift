#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension MockModel {
    /// The deterministic hashes behind the mock's ids and vectors.
    enum Hashing {
        /// 64-bit FNV-1a of the UTF-8 bytes of `text`.
        static func fnv1a(_ text: String) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            return hash
        }

        /// 64-bit FNV-1a of `bytes`, continuing from `hash`.
        static func fnv1a(bytes: some Sequence<UInt8>, continuing hash: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
            if let hashed = bytes.withContiguousStorageIfAvailable({ fnv1a(buffer: $0, continuing: hash) }) { return hashed }
            return Array(bytes).withUnsafeBufferPointer { fnv1a(buffer: $0, continuing: hash) }
        }

        private static func fnv1a(buffer: UnsafeBufferPointer<UInt8>, continuing hash: UInt64) -> UInt64 {
            var hash = hash
            for byte in buffer {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            return hash
        }

        /// FNV-1a of a value's canonical JSON (sorted keys).
        static func fingerprint(of value: some Encodable) -> UInt64 {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            guard let data = try? encoder.encode(value) else { return fnv1a("") }
            return fnv1a(String(decoding: data, as: UTF8.self))
        }

        /// The next value of a SplitMix64 sequence whose state is `state`.
        static func splitMix(_ state: inout UInt64) -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }

        /// `value` as 16 lowercase hex digits.
        static func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }

        /// `call_` + 24 lowercase hex characters for tool call `index` of the request `hash`.
        static func toolCallID(hash: UInt64, index: Int) -> String {
            var state = hash ^ (UInt64(truncatingIfNeeded: index) &* 0x9e37_79b9_7f4a_7c15)
            let first = hex(splitMix(&state))
            let second = hex(splitMix(&state))
            return "call_" + first + second.prefix(8)
        }
    }
}
