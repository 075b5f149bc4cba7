extension FakeGeminiUpstream {
    /// The members of a `GenerateContentRequest` (also what `countTokens` reads from
    /// `generateContentRequest`). Google's JSON parser takes each in lowerCamel or snake_case and
    /// refuses any other ("Unknown name"), so a leaked OpenAI field shows.
    static let requestMembers: Set<String> = [
        "model", "contents", "tools", "toolConfig", "safetySettings", "systemInstruction", "generationConfig", "cachedContent", "labels",
    ]

    /// The members of `generationConfig`.
    static let generationConfigMembers: Set<String> = [
        "stopSequences", "responseMimeType", "responseSchema", "responseJsonSchema", "responseModalities", "candidateCount",
        "maxOutputTokens", "temperature", "topP", "topK", "seed", "presencePenalty", "frequencyPenalty", "responseLogprobs",
        "logprobs", "enableEnhancedCivicAnswers", "speechConfig", "thinkingConfig", "imageConfig", "mediaResolution",
    ]

    /// What the real API refuses with 400 `INVALID_ARGUMENT`, in its words: an unknown member of
    /// the request or its `generationConfig`, generating without `contents`, a role other than
    /// user or model, a `functionCall` without a name or with
    /// non-object `args`, a `functionResponse` without a name or with a non-object `response`;
    /// a `batchEmbedContents` entry whose `model` is not the path's (the docs require them to
    /// match).
    static func problem(in json: [String: Any], method: String, model: String) -> String? {
        switch method {
        case "generateContent", "streamGenerateContent":
            if let unknown = unknownMember(of: json, known: requestMembers, at: "") { return unknown }
            if let config = json["generationConfig"] as? [String: Any],
                let unknown = unknownMember(of: config, known: generationConfigMembers, at: "generation_config.")
            {
                return unknown
            }
            guard let contents = json["contents"] as? [[String: Any]], !contents.isEmpty else {
                return "* GenerateContentRequest.contents: contents is not specified"
            }
            for (index, content) in contents.enumerated() {
                if let problem = problem(in: content, index: index) { return problem }
            }
        case "batchEmbedContents":
            for (index, entry) in (json["requests"] as? [[String: Any]] ?? []).enumerated() where entry["model"] as? String != "models/\(model)" {
                return "* BatchEmbedContentsRequest.requests[\(index)].model: model must match the model in the request URL, models/\(model)."
            }
        default:
            break
        }
        return nil
    }

    private static func unknownMember(of object: [String: Any], known: Set<String>, at path: String) -> String? {
        guard let name = object.keys.sorted().first(where: { !known.contains(lowerCamel($0)) }) else { return nil }
        return "Invalid JSON payload received. Unknown name \"\(name)\" at '\(path)': Cannot find field."
    }

    /// `snake_case` as lowerCamel (`system_instruction` → `systemInstruction`).
    private static func lowerCamel(_ name: String) -> String {
        let words = name.split(separator: "_")
        return (words.first.map(String.init) ?? "") + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func problem(in content: [String: Any], index: Int) -> String? {
        if let role = content["role"] as? String, !["user", "model"].contains(role) {
            return "Please use a valid role: user, model."
        }
        for part in content["parts"] as? [[String: Any]] ?? [] {
            if let call = part["functionCall"] as? [String: Any], !(call["name"] is String) || (call["args"] != nil && !(call["args"] is [String: Any])) {
                return "* GenerateContentRequest.contents[\(index)].parts.function_call: name and an object args are required"
            }
            if let answer = part["functionResponse"] as? [String: Any], !(answer["name"] is String) || !(answer["response"] is [String: Any]) {
                return "* GenerateContentRequest.contents[\(index)].parts.function_response: name and an object response are required"
            }
        }
        return nil
    }
}
