import SwitchyardPostgres
import Testing

/// Reading `DATABASE_URL`s as hosts hand them out.
@Suite struct PostgresURLTests {
    @Test func readsEveryPart() throws {
        let url = try PostgresURL("postgresql://app:p%40ss%3Aword@db.internal:6432/switchyard?sslmode=require")
        #expect(url.host == "db.internal")
        #expect(url.port == 6432)
        #expect(url.username == "app")
        #expect(url.password == "p@ss:word")
        #expect(url.database == "switchyard")
        #expect(url.sslMode == .require)
        #expect(url.socketDirectory == nil)
    }

    @Test func defaultsToPlainConnectionsOnPort5432() throws {
        let url = try PostgresURL("postgres://postgres@127.0.0.1/switchyard_test")
        #expect(url.port == 5432)
        #expect(url.password == nil)
        #expect(url.sslMode == .disable)
        #expect(url.configuration.host == "127.0.0.1")
        #expect(url.configuration.port == 5432)
    }

    @Test func readsSocketDirectoriesAndQueryCredentials() throws {
        let url = try PostgresURL("postgres:///switchyard?host=/run/postgresql&user=gateway&password=secret&sslmode=verify-full")
        #expect(url.socketDirectory == "/run/postgresql")
        #expect(url.username == "gateway")
        #expect(url.password == "secret")
        #expect(url.sslMode == .verifyFull)
        #expect(url.configuration.unixSocketPath == "/run/postgresql/.s.PGSQL.5432")
    }

    @Test func neverPrintsThePassword() throws {
        let url = try PostgresURL("postgres://app:hunter2@[::1]:5433/db?sslmode=prefer")
        #expect(url.host == "::1")
        #expect(!url.description.contains("hunter2"))
        #expect(url.description == "postgres://app:***@[::1]:5433/db?sslmode=prefer")
    }

    @Test(arguments: [
        "mysql://u@h/db",
        "postgres://h/db",
        "postgres://u@/db",
        "postgres://u@h/db?sslmode=sometimes",
        "not a url at all",
    ])
    func rejects(_ text: String) {
        #expect(throws: PostgresStoreError.self) { try PostgresURL(text) }
    }
}
