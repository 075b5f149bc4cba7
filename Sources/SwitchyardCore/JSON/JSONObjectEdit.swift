import NIOCore

/// Changes to the top-level members of a JSON object, applied without re-encoding the rest.
///
/// Members that are neither replaced nor removed keep their exact bytes, and so does the
/// whitespace between them, so a pass-through sends upstream what the client wrote.
public struct JSONObjectEdit: Sendable {
    /// Raw JSON values by member name: replaces a member, or appends it when absent.
    public private(set) var replacements: [(key: String, value: [UInt8])] = []
    public private(set) var removals: Set<String> = []

    public init() {}

    public var isEmpty: Bool { replacements.isEmpty && removals.isEmpty }

    /// Sets a member to a raw JSON value.
    public mutating func set(_ key: String, rawJSON value: [UInt8]) {
        removals.remove(key)
        replacements.removeAll { $0.key == key }
        replacements.append((key, value))
    }

    /// Sets a member to a string value.
    public mutating func set(_ key: String, string: String) {
        set(key, rawJSON: JSONStringDecoding.encode(string))
    }

    public mutating func remove(_ key: String) {
        replacements.removeAll { $0.key == key }
        removals.insert(key)
    }

    /// Writes the edited object into `buffer`.
    public func apply(to bytes: UnsafeRawBufferPointer, index: JSONObjectIndex, into buffer: inout ByteBuffer) {
        guard !isEmpty else {
            buffer.writeBytes(bytes)
            return
        }
        let members = index.members
        let objectStart = index.objectRange.lowerBound
        let objectEnd = index.objectRange.upperBound
        var pending = replacements
        var emittedAny = false
        var previousEmitted = false

        let openEnd = members.first?.keyRange.lowerBound ?? (objectStart + 1)
        buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[objectStart..<openEnd]))

        for (position, member) in members.enumerated() {
            // A duplicated key is resolved to its last occurrence, which is the one edited.
            let isLastOccurrence = !members[(position + 1)...].contains { $0.key == member.key }
            let removed = removals.contains(member.key) || (!isLastOccurrence && touches(member.key))
            if removed {
                previousEmitted = false
                continue
            }
            if emittedAny {
                if previousEmitted, position > 0 {
                    let gap = members[position - 1].valueRange.upperBound..<member.keyRange.lowerBound
                    buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[gap]))
                } else {
                    buffer.writeInteger(UInt8(ascii: ","))
                }
            }
            if let slot = pending.firstIndex(where: { $0.key == member.key }) {
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[member.keyRange.lowerBound..<member.valueRange.lowerBound]))
                buffer.writeBytes(pending[slot].value)
                pending.remove(at: slot)
            } else {
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[member.keyRange.lowerBound..<member.valueRange.upperBound]))
            }
            emittedAny = true
            previousEmitted = true
        }
        for addition in pending {
            if emittedAny { buffer.writeInteger(UInt8(ascii: ",")) }
            buffer.writeBytes(JSONStringDecoding.encode(addition.key))
            buffer.writeInteger(UInt8(ascii: ":"))
            buffer.writeBytes(addition.value)
            emittedAny = true
        }
        let closeStart = members.last.map { $0.valueRange.upperBound } ?? (objectEnd - 1)
        if members.isEmpty {
            buffer.writeInteger(UInt8(ascii: "}"))
        } else {
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[closeStart..<objectEnd]))
        }
    }

    private func touches(_ key: String) -> Bool {
        removals.contains(key) || replacements.contains { $0.key == key }
    }
}
