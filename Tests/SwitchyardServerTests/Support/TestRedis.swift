import Foundation

/// The Redis servers the cache tests use, started once per test process by
/// `scripts/redis-test-server.sh` (which installs Debian's redis-server if need be): one
/// open, one that requires a password.
enum TestRedis {
    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    static let port = 63790
    static let passwordPort = 63791
    static let password = "s3cret"

    static let open: Result<Int, SetupError> = start(port: port, password: nil)
    static let guarded: Result<Int, SetupError> = start(port: passwordPort, password: password)

    private static func start(port: Int, password: String?) -> Result<Int, SetupError> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = root.appendingPathComponent("scripts/redis-test-server.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, "start", String(port)] + (password.map { [$0] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            return .failure(SetupError(description: "could not run \(script.path): \(error)"))
        }
        _ = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(SetupError(description: "\(script.path) failed (exit \(process.terminationStatus))"))
        }
        return .success(port)
    }
}
