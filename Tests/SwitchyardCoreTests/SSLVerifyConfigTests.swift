import Foundation
import SwitchyardCore
import Testing

/// `ssl_verify` (a bool or a CA bundle path), its `litellm_settings` default, and `SSL_CERT_FILE`.
@Suite struct SSLVerifyConfigTests {
    /// An existing file to stand in for a CA bundle (its content is checked when connecting).
    private let bundle: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-ca-\(UUID().uuidString).pem").path
        FileManager.default.createFile(atPath: path, contents: Data("-----BEGIN CERTIFICATE-----\n".utf8))
        return path
    }()

    private func load(_ yaml: String, _ environment: [String: String] = [:]) -> ConfigLoadResult {
        ConfigLoader.load(yaml: yaml, environment: environment)
    }

    private func trusts(_ result: ConfigLoadResult) -> [UpstreamTrust] {
        result.config?.deployments.map(\.tlsTrust) ?? []
    }

    @Test func defaultsToTheSystemTrustStore() {
        let result = load("model_list: [{model_name: a, litellm_params: {model: openai/gpt-4o, api_key: k}}]")
        #expect(trusts(result) == [.systemTrustStore])
        #expect(result.problems.isEmpty)
    }

    @Test func readsABoolOrACABundlePerDeployment() {
        let yaml = """
            model_list:
              - model_name: a
                litellm_params: {model: openai/gpt-4o, api_key: k, ssl_verify: true}
              - model_name: b
                litellm_params: {model: openai/gpt-4o, api_key: k, ssl_verify: false}
              - model_name: c
                litellm_params: {model: openai/gpt-4o, api_key: k, ssl_verify: "\(bundle)"}
            """
        let result = load(yaml)
        #expect(trusts(result) == [.systemTrustStore, .noVerification, .caBundle(path: bundle)])
        #expect(result.problems.map(\.description) == [
            "model_list[1].litellm_params.ssl_verify: upstream TLS certificates are not verified"
        ])
    }

    @Test func aMissingCABundleIsAnErrorWithItsPath() {
        let yaml = """
            model_list:
              - model_name: a
                litellm_params: {model: openai/gpt-4o, api_key: k, ssl_verify: /nonexistent/ca.pem}
            """
        let result = load(yaml)
        #expect(result.config == nil)
        #expect(result.problems.map(\.description) == [
            "model_list[0].litellm_params.ssl_verify: expected true, false or the path of a CA bundle; no such file: /nonexistent/ca.pem"
        ])
    }

    @Test func sslCertFileIsTheDefaultBundle() {
        let yaml = """
            model_list:
              - model_name: a
                litellm_params: {model: openai/gpt-4o, api_key: k}
              - model_name: b
                litellm_params: {model: openai/gpt-4o, api_key: k, ssl_verify: true}
            """
        #expect(trusts(load(yaml, ["SSL_CERT_FILE": bundle])) == [.caBundle(path: bundle), .caBundle(path: bundle)])
        let missing = load(yaml, ["SSL_CERT_FILE": "/nonexistent/certs.pem"])
        #expect(trusts(missing) == [.systemTrustStore, .systemTrustStore])
        #expect(missing.problems.first?.severity == .warning)
    }

    @Test func litellmSettingsSetTheDefaultWhereverTheSectionIs() {
        let yaml = """
            model_list:
              - model_name: a
                litellm_params: {model: openai/gpt-4o, api_key: k}
              - model_name: b
                litellm_params: {model: openai/gpt-4o, api_key: k, ssl_verify: true}
            litellm_settings:
              ssl_verify: "\(bundle)"
            """
        let result = load(yaml)
        #expect(trusts(result) == [.caBundle(path: bundle), .systemTrustStore])
        #expect(result.problems.isEmpty)
    }

    @Test func poolSettingsAreRead() {
        let yaml = """
            model_list: [{model_name: a, litellm_params: {model: openai/gpt-4o, api_key: k}}]
            general_settings: {upstream_max_connections_per_host: 32, upstream_idle_timeout: 15}
            """
        let result = load(yaml)
        #expect(result.config?.general.upstreamMaxConnectionsPerHost == 32)
        #expect(result.config?.general.upstreamIdleTimeout == 15)
        #expect(load("general_settings: {upstream_max_connections_per_host: 0}").problems.map(\.description).contains(
            "general_settings.upstream_max_connections_per_host: must be 1 or more"
        ))
    }
}
