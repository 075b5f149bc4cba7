/// The `http(s)` image links in a chat request, and putting fetched bytes in their place.
extension ChatCompletionRequest {
    /// Every distinct http(s) image URL in the messages, in order.
    public var remoteImageURLs: [String] {
        var seen = Set<String>()
        var urls: [String] = []
        for message in messages {
            guard case .parts(let parts) = message.content else { continue }
            for part in parts {
                if case .imageURL(let image, _) = part, image.url.hasPrefix("http://") || image.url.hasPrefix("https://"), seen.insert(image.url).inserted {
                    urls.append(image.url)
                }
            }
        }
        return urls
    }

    /// Replaces each image link found in `inlined` with its `data:` URL.
    public mutating func replaceImageURLs(_ inlined: [String: String]) {
        guard !inlined.isEmpty else { return }
        for index in messages.indices {
            guard case .parts(var parts) = messages[index].content else { continue }
            for partIndex in parts.indices {
                if case .imageURL(var image, let extra) = parts[partIndex], let data = inlined[image.url] {
                    image.url = data
                    parts[partIndex] = .imageURL(image, extra: extra)
                }
            }
            messages[index].content = .parts(parts)
        }
    }
}
