import NIOConcurrencyHelpers
import NIOSSL

/// One `NIOSSLContext` per ``TLSTrust``, built on first use.
///
/// A context holds the parsed trust roots: building one per connection would read and parse
/// the system trust store each time.
final class TLSContextCache: Sendable {
    private let contexts = NIOLockedValueBox<[TLSTrust: NIOSSLContext]>([:])

    /// The context for `trust`; a CA bundle that cannot be read is reported on every call
    /// until it can be.
    func context(for trust: TLSTrust) throws(LeanHTTPError) -> NIOSSLContext {
        if let context = self.contexts.withLockedValue({ $0[trust] }) { return context }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: Self.configuration(for: trust))
        } catch {
            throw .tlsConfigurationInvalid(error)
        }
        return self.contexts.withLockedValue { contexts in
            if let raced = contexts[trust] { return raced }
            contexts[trust] = context
            return context
        }
    }

    static func configuration(for trust: TLSTrust) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        // Offered so that servers which speak HTTP/2 by default still pick HTTP/1.1 here.
        configuration.applicationProtocols = ["http/1.1"]
        switch trust {
        case .systemTrustStore:
            configuration.trustRoots = .default
        case .caBundle(let path):
            configuration.trustRoots = .file(path)
        case .noVerification:
            configuration.certificateVerification = .none
        }
        return configuration
    }
}
