import Foundation

extension SecretsDetector {
    /// JSON Web Tokens: three base64url segments joined by dots (the signature may be empty
    /// for `alg: none`) whose first segment decodes to a JSON object with an `alg` member.
    /// Starting at `eyJ` (base64 of `{"`) keeps the decoding to real candidates.
    static func jsonWebTokens(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [GuardrailFinding]) {
        var index = 0
        while index + 3 < bytes.count {
            guard bytes[index] == UInt8(ascii: "e"), bytes.matches("eyJ", at: index), !bytes.byte(at: index - 1).isTokenByte else {
                index += 1
                continue
            }
            let headerEnd = bytes.runEnd(from: index) { $0.isBase64URLByte }
            guard bytes.byte(at: headerEnd) == UInt8(ascii: ".") else {
                index = headerEnd
                continue
            }
            let payloadEnd = bytes.runEnd(from: headerEnd + 1) { $0.isBase64URLByte }
            guard bytes.byte(at: payloadEnd) == UInt8(ascii: "."), payloadEnd - headerEnd > 10 else {
                index = payloadEnd
                continue
            }
            let end = bytes.runEnd(from: payloadEnd + 1) { $0.isBase64URLByte }
            if headerNamesAlgorithm(UnsafeBufferPointer(rebasing: bytes[index..<headerEnd])) {
                found.append(GuardrailFinding(.jwt, index..<end))
            }
            index = end
        }
    }

    private static func headerNamesAlgorithm(_ segment: UnsafeBufferPointer<UInt8>) -> Bool {
        guard segment.count <= 2048 else { return false }
        var base64 = String(decoding: segment, as: UTF8.self)
            .replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let header = try? JSONDecoder().decode([String: JSONValue].self, from: data)
        else { return false }
        return header["alg"]?.stringValue != nil
    }
}
