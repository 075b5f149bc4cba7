import SwitchyardCore

/// How `/openapi.json` describes the proxied operations: each `OperationTable` row, with the
/// body members its row requires and the key members of its answer. A row missing from
/// `ProxyDocs` is still described, from the row alone.
extension GatewayOperation {
    var apiOperations: [APIOperation] {
        let doc = ProxyDocs.all[name]
        return paths.map { path in
            APIOperation(
                method: method, path: path, summary: doc?.summary ?? name, about: doc?.about, tag: surface.apiTag, access: .key,
                surface: surface, query: streaming == .always ? [Self.altSSE] : [], body: requestContent(doc?.fields ?? []),
                answer: answerContent(doc?.answer ?? .anyObject), errors: [400, 402, 403, 404, 429, 502, 503, 504]
            )
        }
    }

    /// One Server-Sent Event; `data` holds one of the surface's own stream chunks as JSON.
    private static let event = APISchema.object(
        [("event", .string), ("data", APISchema.string.described("A stream chunk as JSON (OpenAI's stream ends with `[DONE]`).")), ("id", .string)]
    ).described("Each Server-Sent Event of the stream.")

    private static let altSSE = APIOperation.Parameter(
        name: "alt", schema: APISchema.string.adding("enum", ["sse"]), about: "`sse` streams Server-Sent Events (what google-genai sends)."
    )

    /// The row's required members, the model field and its stream flag, then `fields`.
    private func requestContent(_ fields: [(String, APISchema)]) -> APIOperation.Content {
        var members: [(String, APISchema)] = []
        var required: [String] = []
        if case .bodyField(let model) = target {
            members.append((model, APISchema.string.described("A model group from the gateway's model list.")))
            if defaultModel == nil { required.append(model) }
        }
        if case .bodyFlag(let flag) = streaming { members.append((flag, APISchema.boolean.described("Stream the answer as Server-Sent Events."))) }
        switch body {
        case .json(let names, _):
            required += names
            members += fields + names.filter { name in !fields.contains { $0.0 == name } }.map { ($0, APISchema.anyValue) }
            return .json(.object(members, required: required))
        case .form(let names, let jsonNames):
            let files = names.filter { ["file", "image", "mask"].contains($0) }
            let formMembers = members + names.map { ($0, files.contains($0) ? APISchema.string.adding("contentMediaType", "application/octet-stream") : APISchema.string) } + fields
            var types: [(type: String, schema: APISchema)] = [("multipart/form-data", .object(formMembers, required: required + names))]
            if let jsonNames {
                let jsonMembers = members + jsonNames.map { ($0, APISchema.string.described("Base64, or a `data:` URL.")) } + fields
                types.append(("application/json", .object(jsonMembers, required: required + jsonNames)))
            }
            return APIOperation.Content(mediaTypes: types)
        }
    }

    private func answerContent(_ schema: APISchema) -> APIOperation.Content {
        switch answer {
        case .audio:
            return APIOperation.Content(mediaTypes: [("audio/*", APISchema.string.adding("contentMediaType", "audio/*").described("The audio, in the requested format."))])
        case .transcript:
            return APIOperation.Content(mediaTypes: [("application/json", schema), ("text/plain", APISchema.string.described("`text`, `srt` or `vtt`."))])
        case .job:
            return .json(.ref(capability == .musicGeneration ? "Music" : "Video"))
        case .json:
            var types: [(type: String, schema: APISchema)] = [("application/json", schema)]
            if streaming != .never { types.append(("text/event-stream", Self.event)) }
            return APIOperation.Content(mediaTypes: types)
        }
    }
}

extension ErrorSurface {
    /// The tag `/openapi.json` and `/docs` group a surface's operations under.
    var apiTag: String {
        switch self {
        case .openAI: "OpenAI"
        case .anthropic: "Anthropic"
        case .gemini: "Gemini"
        }
    }

    /// The error envelope's schema name.
    var errorSchema: String { "\(apiTag)Error" }
}
