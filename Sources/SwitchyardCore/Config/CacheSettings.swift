/// `litellm_settings.cache` and `cache_params`: the response cache, exact matches first and,
/// with `similarity_threshold` and an embedding model, semantic matches after an exact miss.
public struct CacheSettings: Sendable, Equatable {
    /// Where cached answers live.
    public enum Backend: Sendable, Equatable {
        /// In this process, least recently used evicted past `maxEntries` or `maxBytes`.
        case local(maxEntries: Int, maxBytes: Int)
        /// One Redis shared by every replica.
        case redis(RedisSettings)
    }

    /// Whether every cacheable request uses the cache (`default_on`) or only those that ask
    /// with `cache: {"use-cache": true}` (`default_off`).
    public enum Mode: String, Sendable, Equatable {
        case defaultOn = "default_on"
        case defaultOff = "default_off"
    }

    public var backend: Backend
    /// Seconds an answer is kept unless the request asks for less or more (`cache.ttl`).
    public var ttl: Double
    /// Prefix of every key; a request's `cache.namespace` replaces it.
    public var namespace: String?
    public var mode: Mode
    /// Operation names (`chat/completions`, `messages`…) whose answers are cached.
    public var operations: Set<String>
    /// Semantic lookups after an exact miss; nil for exact matches only.
    public var semantic: SemanticCacheSettings?

    public init(
        backend: Backend = .local(maxEntries: Self.defaultMaxEntries, maxBytes: Self.defaultMaxBytes), ttl: Double = Self.defaultTTL,
        namespace: String? = nil, mode: Mode = .defaultOn, operations: Set<String> = Self.cacheableOperations, semantic: SemanticCacheSettings? = nil
    ) {
        self.backend = backend
        self.ttl = ttl
        self.namespace = namespace
        self.mode = mode
        self.operations = operations
        self.semantic = semantic
    }

    /// LiteLLM's in-memory cache keeps entries 600 s; its Redis cache keeps them forever
    /// unless told. One default for both: an answer older than ten minutes is not replayed.
    public static let defaultTTL: Double = 600
    public static let defaultMaxEntries = 10_000
    public static let defaultMaxBytes = 256 * 1024 * 1024

    /// Every operation whose answer can be replayed: text generation on all three surfaces,
    /// the Responses API (stateless requests only) and embeddings.
    public static let cacheableOperations: Set<String> = [
        "chat/completions", "completions", "messages", "generateContent", "streamGenerateContent", "responses", "embeddings",
        "embedContent", "batchEmbedContents",
    ]

    /// LiteLLM's `supported_call_types` names and the operations each stands for.
    public static let callTypes: [String: Set<String>] = {
        let chat: Set<String> = ["chat/completions", "messages", "generateContent", "streamGenerateContent"]
        let text: Set<String> = ["completions"]
        let embeddings: Set<String> = ["embeddings", "embedContent", "batchEmbedContents"]
        let responses: Set<String> = ["responses"]
        return [
            "completion": chat, "acompletion": chat, "anthropic_messages": ["messages"],
            "text_completion": text, "atext_completion": text,
            "embedding": embeddings, "aembedding": embeddings,
            "responses": responses, "aresponses": responses,
        ]
    }()

    /// LiteLLM call types the gateway knows but does not cache (their answers are audio,
    /// uploads or rankings); naming them is a warning, not an error.
    public static let uncachedCallTypes: Set<String> = ["transcription", "atranscription", "rerank", "arerank", "speech", "aspeech"]
}

/// `cache_params` for `type: redis`, resolved from the config and LiteLLM's environment
/// variables (`REDIS_HOST`, `REDIS_PORT`, `REDIS_PASSWORD`, `REDIS_USERNAME`, `REDIS_URL`).
public struct RedisSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var database: Int
    /// `ssl: true` or a `rediss://` URL.
    public var tls: Bool
    /// `ssl_ca_certs`: the PEM roots the server's certificate must chain to, instead of the
    /// system trust store.
    public var caCertificatesPath: String?
    /// `ssl_certfile` and `ssl_keyfile`: a client certificate, for servers that require one.
    public var certificatePath: String?
    public var keyPath: String?
    /// False with `ssl_cert_reqs: none`: encrypted, but the server is not authenticated.
    public var verifyCertificate: Bool
    /// Connections kept open to Redis by this process.
    public var maxConnections: Int
    /// Seconds a connect or a command may take before the lookup counts as a miss.
    public var timeout: Double

    public init(
        host: String = "127.0.0.1", port: Int = 6379, username: String? = nil, password: String? = nil, database: Int = 0, tls: Bool = false,
        caCertificatesPath: String? = nil, certificatePath: String? = nil, keyPath: String? = nil, verifyCertificate: Bool = true,
        maxConnections: Int = 16, timeout: Double = 1
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.caCertificatesPath = caCertificatesPath
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.verifyCertificate = verifyCertificate
        self.maxConnections = maxConnections
        self.timeout = timeout
    }
}
