import LeanHTTP
import SwitchyardCore

extension TLSTrust {
    /// The pool's trust for a deployment's `ssl_verify`.
    init(_ trust: UpstreamTrust) {
        switch trust {
        case .systemTrustStore: self = .systemTrustStore
        case .caBundle(let path): self = .caBundle(path: path)
        case .noVerification: self = .noVerification
        }
    }
}
