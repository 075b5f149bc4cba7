import Foundation

/// The Redis servers the cache tests use, started once per test process by
/// `scripts/redis-test-server.sh` (which installs Debian's redis-server if need be): one
/// open, one that requires a password, one that speaks TLS only.
enum TestRedis {
    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    static let port = 63790
    static let passwordPort = 63791
    static let tlsPort = 63792
    static let password = "s3cret"

    static let open: Result<Int, SetupError> = start(port: port, password: nil)
    static let guarded: Result<Int, SetupError> = start(port: passwordPort, password: password)
    /// TLS only, with the script's own CA; nil when this redis-server was built without TLS.
    static let tls: Result<Int, SetupError>? = start(port: tlsPort, password: nil, command: "start-tls", unsupportedStatus: 3)

    /// Whether the TLS server runs (false when redis-server has no TLS: those tests are skipped).
    static var tlsIsAvailable: Bool { tls != nil }

    /// The script's files for the TLS server: `ca.pem`, `server.pem`, `client.pem` and `client.key`.
    static func tlsFile(_ name: String) -> String { "/tmp/switchyard-redis-\(tlsPort)/tls/\(name)" }

    private static func start(port: Int, password: String?) -> Result<Int, SetupError> {
        start(port: port, password: password, command: "start", unsupportedStatus: nil) ?? .failure(SetupError(description: "unreachable"))
    }

    /// Nil when the script exits with `unsupportedStatus`.
    private static func start(port: Int, password: String?, command: String, unsupportedStatus: Int32?) -> Result<Int, SetupError>? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = root.appendingPathComponent("scripts/redis-test-server.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, command, String(port)] + (password.map { [$0] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            return .failure(SetupError(description: "could not run \(script.path): \(error)"))
        }
        _ = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if let unsupportedStatus, process.terminationStatus == unsupportedStatus { return nil }
        guard process.terminationStatus == 0 else {
            return .failure(SetupError(description: "\(script.path) failed (exit \(process.terminationStatus))"))
        }
        return .success(port)
    }
}
