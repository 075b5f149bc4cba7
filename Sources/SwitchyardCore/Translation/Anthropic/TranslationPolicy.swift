/// What a translator does with something the target dialect cannot express.
///
/// With `dropUnsupported` (LiteLLM's `drop_params`) the thing is left out; otherwise the
/// translation fails with a 400 naming the request field.
struct TranslationPolicy {
    var dropUnsupported: Bool

    /// Throws a 400 for `param` unless unsupported things are dropped, in which case it returns
    /// and the caller leaves the thing out.
    func unsupported(_ message: String, param: String) throws(GatewayError) {
        guard dropUnsupported else {
            throw GatewayError.invalidRequest(message, param: param)
        }
    }
}
