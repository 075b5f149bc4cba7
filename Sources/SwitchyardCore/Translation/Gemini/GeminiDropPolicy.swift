/// What a translator does with a field the other dialect cannot express: a 400 that names the
/// field, or (with `drop_params`) leaving the field out.
struct GeminiDropPolicy: Sendable {
    /// Whether unsupported fields are dropped instead of refused.
    let dropUnsupported: Bool

    /// Throws `invalidRequest` naming `param` unless dropping is allowed; when this returns,
    /// the caller leaves the field out.
    func unsupported(_ message: String, param: String) throws {
        guard dropUnsupported else {
            throw GatewayError.invalidRequest("\(message) Remove it, or set drop_params to drop it.", param: param)
        }
    }
}
