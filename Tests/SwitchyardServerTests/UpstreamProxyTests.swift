import SwitchyardServer
import Testing

/// `HTTPS_PROXY` as `switchyard serve` reads it.
@Suite struct UpstreamProxyTests {
    @Test func readsTheProxyURL() {
        let proxy = UpstreamProxy(environment: ["HTTPS_PROXY": "http://user:secret@proxy.internal:3128"])
        #expect(proxy == UpstreamProxy(host: "proxy.internal", port: 3128, credentials: ("user", "secret")))
    }

    @Test func acceptsTheLowercaseNameAndABareHostAndPort() {
        #expect(UpstreamProxy(environment: ["https_proxy": "proxy:8080"]) == UpstreamProxy(host: "proxy", port: 8080))
    }

    @Test func noProxyWhenUnsetEmptyOrNotHTTP() {
        #expect(UpstreamProxy(environment: [:]) == nil)
        #expect(UpstreamProxy(environment: ["HTTPS_PROXY": ""]) == nil)
        #expect(UpstreamProxy(environment: ["HTTPS_PROXY": "socks5://proxy:1080"]) == nil)
    }
}
