/// One `model_list` entry: a model name clients send, and the upstream that serves it.
///
/// Entries sharing a `modelName` form one model group. Endpoint and key are resolved at load
/// time (config value, `os.environ/NAME`, the provider's environment variable, the provider's
/// default), so nothing downstream reads the environment.
public struct Deployment: Sendable {
    /// The alias clients send as `model`; may be a wildcard such as `deepseek/*` or `*`.
    public var modelName: String
    public var provider: ProviderKind
    /// The model id sent upstream (`gpt-4o`, `anthropic/claude-3`); `*` for wildcards.
    public var upstreamModel: String
    /// `litellm_params.model` as written: `openai/gpt-4o`.
    public var litellmModel: String
    /// `model_info.id`, else `litellmModel`, suffixed `#2`, `#3`… to be unique in its group.
    public var id: String
    /// Base URL without a trailing slash; nil for mock and bedrock (built from the region).
    public var apiBase: String?
    public var apiKey: String?
    /// Azure's `api-version` query parameter.
    public var apiVersion: String?
    public var organization: String?
    /// Requests per minute this deployment may take.
    public var rpm: Int?
    /// Tokens per minute this deployment may take.
    public var tpm: Int?
    /// Share of traffic under `simple-shuffle`; greater than 0.
    public var weight: Double
    /// Deployments with a lower order are tried first.
    public var order: Int?
    /// Seconds the whole request may take.
    public var timeout: Double?
    /// Seconds to the first byte of a stream.
    public var streamTimeout: Double?
    public var maxRetries: Int?
    /// Headers added to every upstream request.
    public var extraHeaders: [String: String]
    /// Request parameters always removed for this deployment.
    public var additionalDropParams: [String]
    /// Overrides `litellm_settings.drop_params` for this deployment.
    public var dropParams: Bool?
    public var modelInfo: ModelInfo
    /// Other `litellm_params` (`aws_region_name`, `vertex_project`, …), for providers to read.
    public var extraParams: [String: JSONValue]
    /// How an `https://` upstream's certificate is checked: `litellm_params.ssl_verify`, else
    /// `litellm_settings.ssl_verify`, else `SSL_CERT_FILE`, else the system trust store.
    public var tlsTrust: UpstreamTrust
    /// `litellm_params.guardrails`: guardrail names that run on every request to this model.
    public var guardrails: [String] = []

    public init(
        modelName: String,
        provider: ProviderKind,
        upstreamModel: String,
        litellmModel: String,
        id: String? = nil,
        apiBase: String? = nil,
        apiKey: String? = nil,
        apiVersion: String? = nil,
        organization: String? = nil,
        rpm: Int? = nil,
        tpm: Int? = nil,
        weight: Double = 1,
        order: Int? = nil,
        timeout: Double? = nil,
        streamTimeout: Double? = nil,
        maxRetries: Int? = nil,
        extraHeaders: [String: String] = [:],
        additionalDropParams: [String] = [],
        dropParams: Bool? = nil,
        modelInfo: ModelInfo = ModelInfo(),
        extraParams: [String: JSONValue] = [:],
        tlsTrust: UpstreamTrust = .systemTrustStore
    ) {
        self.tlsTrust = tlsTrust
        self.modelName = modelName
        self.provider = provider
        self.upstreamModel = upstreamModel
        self.litellmModel = litellmModel
        self.id = id ?? modelInfo.id ?? litellmModel
        self.apiBase = apiBase
        self.apiKey = apiKey
        self.apiVersion = apiVersion
        self.organization = organization
        self.rpm = rpm
        self.tpm = tpm
        self.weight = weight
        self.order = order
        self.timeout = timeout
        self.streamTimeout = streamTimeout
        self.maxRetries = maxRetries
        self.extraHeaders = extraHeaders
        self.additionalDropParams = additionalDropParams
        self.dropParams = dropParams
        self.modelInfo = modelInfo
        self.extraParams = extraParams
    }

    /// Whether `modelName` is a pattern (`deepseek/*`, `*`) rather than one name.
    public var isWildcard: Bool {
        modelName.contains("*")
    }
}
