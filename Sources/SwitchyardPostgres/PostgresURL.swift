import Foundation
import PostgresNIO

/// A `postgres://user:pass@host:port/db?sslmode=…` URL (the `DATABASE_URL` LiteLLM and most
/// hosts hand out), read into the parts a `PostgresClient` needs.
///
/// `postgresql://` is accepted too. Unlike libpq, a URL without `sslmode` means `disable`:
/// the common case here is a database on the same host or private network, and a TLS
/// handshake against a server without a certificate would fail at every connect. Set
/// `sslmode=require` for a managed database. `?host=/run/postgresql` (a directory, as libpq
/// reads it) connects through that directory's Unix socket instead of TCP.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is protected, with libpq's names and meanings.
    public enum SSLMode: String, Sendable, Hashable {
        /// Plain TCP.
        case disable
        /// TLS if the server offers it, without checking its certificate.
        case prefer
        /// TLS always, without checking the certificate (libpq's `require`).
        case require
        /// TLS always; the certificate must chain to a trusted root, whatever host it names.
        case verifyCA = "verify-ca"
        /// TLS always; the certificate must be trusted and name the host.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    /// The directory holding the server's Unix socket, when the URL names one with `?host=`.
    public var socketDirectory: String?
    public var username: String
    public var password: String?
    public var database: String?
    public var sslMode: SSLMode

    /// Reads a URL; throws `PostgresStoreError.invalidURL` saying what is wrong, never
    /// echoing the password.
    public init(_ text: String) throws {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)) else {
            throw PostgresStoreError.invalidURL("not a URL")
        }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw PostgresStoreError.invalidURL("the scheme must be postgres:// or postgresql://")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            query[item.name.lowercased()] = item.value ?? ""
        }

        let socketDirectory = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        // `[::1]` arrives with its brackets on some Foundations and without on others.
        let host = (Self.decoded(components.percentEncodedHost) ?? query["host"] ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !host.isEmpty || socketDirectory != nil else {
            throw PostgresStoreError.invalidURL("the URL names no host")
        }
        guard let username = Self.decoded(components.percentEncodedUser) ?? query["user"], !username.isEmpty else {
            throw PostgresStoreError.invalidURL("the URL names no user")
        }
        var database = Self.decoded(String(components.percentEncodedPath.drop(while: { $0 == "/" })))
        if database?.isEmpty ?? true { database = query["dbname"] }

        var sslMode = SSLMode.disable
        if let text = query["sslmode"] {
            // libpq's `allow` tries plain first and TLS second; plain is what it settles on locally.
            if text == "allow" {
                sslMode = .disable
            } else if let mode = SSLMode(rawValue: text) {
                sslMode = mode
            } else {
                throw PostgresStoreError.invalidURL("sslmode must be disable, allow, prefer, require, verify-ca or verify-full")
            }
        }

        self.host = host
        self.port = components.port ?? 5432
        self.socketDirectory = socketDirectory
        self.username = username
        self.password = Self.decoded(components.percentEncodedPassword) ?? query["password"]
        self.database = database
        self.sslMode = sslMode
    }

    /// The URL with the password left out, for logs and errors.
    public var description: String {
        let credentials = password == nil ? username : "\(username):***"
        let endpoint = socketDirectory ?? "\(host.contains(":") ? "[\(host)]" : host):\(port)"
        return "postgres://\(credentials)@\(endpoint)/\(database ?? "")?sslmode=\(sslMode.rawValue)"
    }

    /// The server's socket file, when the URL names a socket directory (libpq's naming).
    private var unixSocketPath: String? {
        socketDirectory.map { "\($0)/.s.PGSQL.\(port)" }
    }

    /// The client configuration this URL describes.
    public var configuration: PostgresClient.Configuration {
        if let unixSocketPath {
            return PostgresClient.Configuration(
                unixSocketPath: unixSocketPath,
                username: username,
                password: password,
                database: database
            )
        }
        return PostgresClient.Configuration(
            host: host,
            port: port,
            username: username,
            password: password,
            database: database,
            tls: tls
        )
    }

    /// The same endpoint for one standalone connection, as `withStore` uses to fail fast.
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        if let unixSocketPath {
            return PostgresConnection.Configuration(
                unixSocketPath: unixSocketPath,
                username: username,
                password: password,
                database: database
            )
        }
        let tls: PostgresConnection.Configuration.TLS
        switch (sslMode, tlsConfiguration) {
        case (.prefer, let configuration?): tls = .prefer(try NIOSSLContext(configuration: configuration))
        case (_, let configuration?): tls = .require(try NIOSSLContext(configuration: configuration))
        case (_, nil): tls = .disable
        }
        return PostgresConnection.Configuration(
            host: host,
            port: port,
            username: username,
            password: password,
            database: database,
            tls: tls
        )
    }

    private var tls: PostgresClient.Configuration.TLS {
        switch (sslMode, tlsConfiguration) {
        case (.prefer, let configuration?): return .prefer(configuration)
        case (_, let configuration?): return .require(configuration)
        case (_, nil): return .disable
        }
    }

    /// What `sslmode` asks of the certificate; nil for no TLS at all.
    private var tlsConfiguration: TLSConfiguration? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable:
            return nil
        case .prefer, .require:
            // libpq's require encrypts without checking who answers.
            configuration.certificateVerification = .none
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
        case .verifyFull:
            break
        }
        return configuration
    }

    private static func decoded(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text.removingPercentEncoding ?? text
    }
}
