import Foundation

/// How long to wait before a retry.
///
/// A retry on another deployment goes at once (after `router_settings.retry_after`, if set):
/// the failure was that deployment's. Retrying the same deployment backs off exponentially
/// with jitter (0.25 s, 0.5 s, 1 s … up to 8 s) and waits at least its `Retry-After`
/// (capped at 60 s).
public enum RetryBackoff {
    public static func delay(
        retry: Int,
        sameDeployment: Bool,
        retryAfter: Double?,
        minimum: Double,
        using generator: inout some RandomNumberGenerator
    ) -> Double {
        guard sameDeployment else { return minimum }
        let ceiling = min(8, 0.25 * pow(2, Double(max(retry, 1) - 1)))
        var delay = max(minimum, Double.random(in: (ceiling / 2)...ceiling, using: &generator))
        if let retryAfter { delay = max(delay, min(retryAfter, 60)) }
        return delay
    }
}
