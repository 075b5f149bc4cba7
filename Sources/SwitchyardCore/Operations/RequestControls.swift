/// Request-level controls a client may send in any JSON body (LiteLLM's extensions). They
/// mean the same on every path: byte pass-through and translation alike.
public struct RequestControls: Sendable, Equatable {
    /// `drop_params`: drop parameters the provider does not support instead of failing.
    public var dropParams: Bool?
    /// `additional_drop_params`: parameters to remove before the request goes upstream.
    public var additionalDropParams: [String]

    public init(dropParams: Bool? = nil, additionalDropParams: [String] = []) {
        self.dropParams = dropParams
        self.additionalDropParams = additionalDropParams
    }

    init(index: JSONObjectIndex, raw: UnsafeRawBufferPointer) throws(GatewayError) {
        if let member = index.member("drop_params"), member.kind != .null {
            guard member.kind == .bool else { throw .invalidRequest("'drop_params' must be a boolean.", param: "drop_params") }
            dropParams = index.bool("drop_params", in: raw)
        }
        additionalDropParams = []
        if let member = index.member("additional_drop_params"), member.kind != .null {
            guard member.kind == .array, let names = try? index.decode([String].self, "additional_drop_params", in: raw) else {
                throw .invalidRequest("'additional_drop_params' must be an array of parameter names.", param: "additional_drop_params")
            }
            additionalDropParams = names
        }
    }

    /// Whether unsupported parameters are dropped for `deployment`: the deployment's own
    /// setting, else the request's, else `litellm_settings.drop_params`.
    public func dropsUnsupported(for deployment: Deployment, default global: Bool) -> Bool {
        deployment.dropParams ?? dropParams ?? global
    }

    /// Parameters always removed for `deployment`: its `additional_drop_params` and the request's.
    public func alwaysDropped(for deployment: Deployment) -> Set<String> {
        Set(deployment.additionalDropParams).union(additionalDropParams)
    }
}
