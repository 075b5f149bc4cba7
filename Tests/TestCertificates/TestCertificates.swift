import Foundation
import NIOSSL

/// A throwaway CA and server certificates, made with the `openssl` command once per test run
/// in a temporary directory, so that no key is ever committed. Shared by the LeanHTTP and
/// gateway test targets.
public struct TestCertificates: Sendable {
    /// The test CA's certificate, the bundle a client trusts.
    public let caPath: String
    /// Signed by the CA for `localhost` and `127.0.0.1`.
    public let server: (certificate: String, key: String)
    /// Signed by the CA for `wrong.example` only.
    public let wrongName: (certificate: String, key: String)
    /// Self-signed for `localhost` and `127.0.0.1`.
    public let selfSigned: (certificate: String, key: String)

    /// Made once, on first use, without blocking a thread of the concurrency pool (on a 2-core
    /// machine a blocked pool thread stalls every other test's tasks).
    public static func shared() async throws -> TestCertificates {
        try await generation.value
    }

    private static let generation = Task { try await TestCertificates.make() }

    struct GenerationFailed: Error, CustomStringConvertible {
        var description: String
    }

    private static func make() async throws -> TestCertificates {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let key = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
        let script = """
            set -e
            cd '\(directory.path)'
            openssl req -x509 \(key) -keyout ca.key -out ca.pem -days 2 -subj '/CN=Switchyard Test CA' \
                -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
            sign() {
                openssl req \(key) -keyout $1.key -out $1.csr -subj "/CN=$2"
                printf 'subjectAltName=%s\\nbasicConstraints=CA:FALSE\\nextendedKeyUsage=serverAuth\\n' "$3" > $1.ext
                openssl x509 -req -in $1.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out $1.pem -days 2 -extfile $1.ext
            }
            sign server localhost DNS:localhost,IP:127.0.0.1
            sign wrong wrong.example DNS:wrong.example
            openssl req -x509 \(key) -keyout self.key -out self.pem -days 2 -subj '/CN=localhost' \
                -addext subjectAltName=DNS:localhost,IP:127.0.0.1
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "(\n\(script)\n) > '\(directory.path)/openssl.log' 2>&1"]
        let status = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        guard status == 0 else {
            let log = (try? String(contentsOf: directory.appendingPathComponent("openssl.log"), encoding: .utf8)) ?? ""
            throw GenerationFailed(description: "openssl failed: \(log)")
        }
        func pair(_ name: String) -> (String, String) {
            (directory.appendingPathComponent("\(name).pem").path, directory.appendingPathComponent("\(name).key").path)
        }
        return TestCertificates(
            caPath: directory.appendingPathComponent("ca.pem").path,
            server: pair("server"),
            wrongName: pair("wrong"),
            selfSigned: pair("self")
        )
    }

    /// A server configuration presenting `pair`, offering `protocols` by ALPN.
    public static func serverConfiguration(
        _ pair: (certificate: String, key: String), protocols: [String] = ["http/1.1"]
    ) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(pair.certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: pair.key, format: .pem))
        )
        configuration.applicationProtocols = protocols
        return configuration
    }

    /// A server context presenting `pair`, offering `protocols` by ALPN.
    public static func serverContext(
        _ pair: (certificate: String, key: String), protocols: [String] = ["http/1.1"]
    ) throws -> NIOSSLContext {
        try NIOSSLContext(configuration: serverConfiguration(pair, protocols: protocols))
    }
}
