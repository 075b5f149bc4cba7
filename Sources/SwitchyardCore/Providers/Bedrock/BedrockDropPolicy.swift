/// Fails with a 400 for `param`, or lets the caller leave the thing out when dropping.
struct BedrockDropPolicy {
    var dropUnsupported: Bool

    func unsupported(_ message: String, param: String) throws(GatewayError) {
        guard dropUnsupported else { throw GatewayError.invalidRequest(message, param: param) }
    }
}
