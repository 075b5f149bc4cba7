import Foundation
import Logging
import PostgresNIO
import SwitchyardPostgres

/// The PostgreSQL server the store tests use, and a fresh database per test on it.
///
/// The server is `SWITCHYARD_TEST_POSTGRES_URL` when set (PostgreSQL 13 or later, for
/// `DROP DATABASE … WITH (FORCE)`; its user needs CREATEDB), or else
/// the one `scripts/postgres-test-server.sh` starts (installing PostgreSQL if need be),
/// found once per test process.
enum TestPostgres {
    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    /// Stores log nothing in tests: a failure shows up as a thrown error, and the pool's
    /// startup warnings would only bury the test output.
    static let quietLogger = Logger(label: "switchyard.test.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The server's URL, or why there is none.
    static let serverURL: Result<String, SetupError> = {
        if let url = ProcessInfo.processInfo.environment["SWITCHYARD_TEST_POSTGRES_URL"], !url.isEmpty {
            return .success(url)
        }
        return startServer()
    }()

    /// The repository root, from this file's place in it.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // SwitchyardStoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// Runs `body` with the URL of a new, empty database, dropped afterwards (also when
    /// `body` throws), so tests run in parallel without seeing each other's rows.
    static func withDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        let server = try serverURL.get()
        let name = "switchyard_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        guard var components = URLComponents(string: server) else {
            throw SetupError(description: "SWITCHYARD_TEST_POSTGRES_URL is not a URL")
        }
        components.path = "/\(name)"
        guard let url = components.string else {
            throw SetupError(description: "cannot name the test database in \(try PostgresURL(server))")
        }

        try await admin(server, "CREATE DATABASE \(name)")
        let result: T
        do {
            result = try await body(url)
        } catch {
            try? await admin(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
        try await admin(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        return result
    }

    /// Runs one statement on the server's own database (CREATE/DROP DATABASE cannot run in
    /// the database they name), on a single connection so a wrong URL fails at once.
    private static func admin(_ server: String, _ sql: String) async throws {
        let url = try PostgresURL(server)
        do {
            let connection = try await PostgresConnection.connect(configuration: try url.connectionConfiguration(), id: 0, logger: quietLogger)
            do {
                try await connection.query(PostgresQuery(unsafeSQL: sql), logger: quietLogger)
            } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
        } catch {
            // PSQLError's description is deliberately vague; the test log needs the reason.
            throw SetupError(description: "\(sql) on the test server \(url) failed: \(String(reflecting: error))")
        }
    }

    private static func startServer() -> Result<String, SetupError> {
        let script = repositoryRoot.appendingPathComponent("scripts/postgres-test-server.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, "start"]
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            return .failure(SetupError(description: "could not run \(script.path): \(error)"))
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        guard process.terminationStatus == 0, let url = lines.last.map(String.init), !url.isEmpty else {
            return .failure(SetupError(description: "\(script.path) failed (exit \(process.terminationStatus)); see its output above"))
        }
        return .success(url)
    }
}
