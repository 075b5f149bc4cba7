import NIOCore
import SwitchyardCore

/// An edit of an indexed object must give valid JSON in which the edited members hold the
/// new values exactly once, removed members are gone, and every other member keeps its bytes.
///
/// The edit is the gateway's own kind: drop one member, replace another, add one whose name
/// needs escaping.
enum JSONEditChecks {
    private enum Expected {
        case absent
        case value([UInt8])
    }

    static let replacement = Array("[true,null]".utf8)

    static func check(_ index: JSONObjectIndex, in bytes: UnsafeRawBufferPointer) {
        var edit = JSONObjectEdit()
        var expected: [String: Expected] = [:]
        if index.members.count >= 2, let first = index.members.first {
            edit.remove(first.key)
            expected[first.key] = .absent
        }
        if let last = index.members.last {
            edit.set(last.key, rawJSON: replacement)
            expected[last.key] = .value(replacement)
        }
        let added = "fuzz\"\\\u{1}" + (index.members.first?.key ?? "")
        edit.set(added, string: "v\n")
        expected[added] = .value(JSONStringDecoding.encode("v\n"))

        var buffer = ByteBuffer()
        edit.apply(to: bytes, index: index, into: &buffer)
        let edited = Array(buffer.readableBytesView)
        edited.withUnsafeBytes { out in
            guard let reindexed = try? JSONScanner.indexObject(out) else {
                fuzzCheck(false, "the edit wrote invalid JSON: \(String(decoding: edited, as: UTF8.self))")
                return
            }
            for (key, want) in expected {
                let found = reindexed.members.filter { $0.key == key }
                switch want {
                case .absent:
                    fuzzCheck(found.isEmpty, "removed member \(key) is still there")
                case .value(let value):
                    fuzzCheck(found.count == 1, "edited member \(key) appears \(found.count) times")
                    fuzzCheck(found.first.map { Array(out[$0.valueRange]) } == value, "edited member \(key) lost its new value")
                }
            }
            for member in index.members where expected[member.key] == nil {
                guard let original = index.member(member.key), let kept = reindexed.member(member.key) else {
                    fuzzCheck(false, "untouched member \(member.key) disappeared")
                    continue
                }
                fuzzCheck(Array(bytes[original.valueRange]) == Array(out[kept.valueRange]), "untouched member \(member.key) changed")
            }
        }
    }
}
