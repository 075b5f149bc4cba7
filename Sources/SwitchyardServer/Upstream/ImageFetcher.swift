import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOPosix
import SwitchyardCore

/// Fetches the image links of a request for providers that take images only as bytes
/// (Bedrock), and puts them in as base64 `data:` URLs.
///
/// A link is fetched only if every address its host resolves to is public, unless
/// `allow_internal_image_urls` is set: a client must not make the gateway reach loopback,
/// private networks or cloud metadata. Plain `http` links are fetched from the address that
/// was checked (no second lookup to rebind); `https` ones connect by name, for TLS.
struct ImageFetcher: Sendable {
    let client: HTTPClient
    let allowInternal: Bool
    var maxBytes = 20 * 1024 * 1024
    var timeout: Double = 15

    func inline(_ chat: inout ChatCompletionRequest, logger: Logger) async throws {
        let urls = chat.remoteImageURLs
        guard !urls.isEmpty else { return }
        var inlined: [String: String] = [:]
        for url in urls { inlined[url] = try await fetch(url, logger: logger) }
        chat.replaceImageURLs(inlined)
    }

    /// The image at `url` as a `data:` URL.
    func fetch(_ url: String, logger: Logger) async throws -> String {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = parsed.host, !host.isEmpty
        else {
            throw Self.refused("The image URL `\(url.prefix(200))` is not a valid http(s) URL.")
        }
        let port = parsed.port ?? (scheme == "https" ? 443 : 80)
        let addresses = try await Self.resolve(host: host, port: port)
        guard let first = addresses.first else { throw Self.refused("The image host `\(host)` does not resolve.") }
        if !allowInternal, let blocked = addresses.first(where: AddressPolicy.isInternal) {
            throw Self.refused(
                "The image URL `\(url.prefix(200))` resolves to an internal address (\(blocked)); the gateway fetches images only from public addresses.",
                code: "image_url_forbidden"
            )
        }
        var request: HTTPClientRequest
        if scheme == "http" {
            let literal = first.contains(":") ? "[\(first)]" : first
            var components = URLComponents(url: parsed, resolvingAgainstBaseURL: false)
            components?.host = literal
            components?.percentEncodedHost = literal
            request = HTTPClientRequest(url: components?.string ?? url)
            request.headers.add(name: "host", value: parsed.port.map { "\(host):\($0)" } ?? host)
        } else {
            request = HTTPClientRequest(url: url)
        }
        request.headers.add(name: "user-agent", value: "switchyard-image-fetch")
        let body: ByteBuffer
        let contentType: String
        do {
            let response = try await client.execute(request, deadline: .after(seconds: timeout), logger: logger)
            guard response.status == .ok else { throw Self.refused("Fetching the image `\(url.prefix(200))` answered \(response.status.code).") }
            contentType = response.headers.first(name: "content-type")?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            body = try await response.body.collect(upTo: maxBytes)
        } catch let error as GatewayError {
            throw error
        } catch is NIOTooManyBytesError {
            throw Self.refused("The image `\(url.prefix(200))` is larger than \(maxBytes / 1024 / 1024) MB.")
        } catch {
            throw Self.refused("The image `\(url.prefix(200))` could not be fetched: \(error).")
        }
        guard contentType.hasPrefix("image/") else {
            throw Self.refused("The link `\(url.prefix(200))` is not an image (content-type `\(contentType)`).")
        }
        return "data:\(contentType);base64," + Data(body.readableBytesView).base64EncodedString()
    }

    /// Every address `host` resolves to, looked up off the event loops.
    static func resolve(host: String, port: Int) async throws -> [String] {
        if AddressPolicy.isAddressLiteral(host) { return [host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))] }
        return try await NIOThreadPool.singleton.runIfActive {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var result: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &result) == 0, let result else { return [] }
            defer { freeaddrinfo(result) }
            var addresses: [String] = []
            var cursor: UnsafeMutablePointer<addrinfo>? = result
            while let entry = cursor {
                var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
                if getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                    let address = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                    if !addresses.contains(address) { addresses.append(address) }
                }
                cursor = entry.pointee.ai_next
            }
            return addresses
        }
    }

    static func refused(_ message: String, code: String = "image_fetch_failed") -> GatewayError {
        GatewayError(.invalidRequest, message, param: "messages", code: code)
    }
}
