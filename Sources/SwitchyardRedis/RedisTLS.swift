import NIOSSL

/// How a connection to Redis is encrypted and whom it trusts.
public struct RedisTLS: Sendable, Hashable {
    /// PEM roots the server's certificate must chain to; nil for the system trust store.
    public var caCertificatesPath: String?
    /// A client certificate (PEM) and its key, for servers that require one (`tls-auth-clients`).
    public var certificatePath: String?
    public var keyPath: String?
    /// False: encrypted, but the server is not authenticated.
    public var verifyCertificate: Bool

    public init(caCertificatesPath: String? = nil, certificatePath: String? = nil, keyPath: String? = nil, verifyCertificate: Bool = true) {
        self.caCertificatesPath = caCertificatesPath
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.verifyCertificate = verifyCertificate
    }

    /// The client context; it reads the files named, so a pool makes it once.
    public func makeContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caCertificatesPath { configuration.trustRoots = .file(caCertificatesPath) }
        if !verifyCertificate { configuration.certificateVerification = .none }
        if let certificatePath, let keyPath {
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificatePath).map { .certificate($0) }
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem))
        }
        return try NIOSSLContext(configuration: configuration)
    }
}
