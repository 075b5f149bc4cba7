extension ResponseObject {
    /// A response echoing `request`'s settings with OpenAI's defaults for what it left out
    /// (`tool_choice` auto, parallel tool calls, temperature and top_p 1, plain text,
    /// truncation disabled, stored), around `output`.
    ///
    /// The `model` is the request's, the name the client used, not the deployment's.
    public init(
        request: ResponsesRequest,
        id: String,
        createdAt: Int,
        status: ResponseStatus,
        output: [ResponseItem] = [],
        usage: ResponseUsage? = nil
    ) {
        self.init(
            id: id,
            createdAt: createdAt,
            status: status,
            instructions: request.instructions.map(JSONValue.string),
            maxOutputTokens: request.maxOutputTokens,
            model: request.model,
            output: output,
            parallelToolCalls: request.parallelToolCalls ?? true,
            previousResponseID: request.previousResponseID,
            reasoning: request.reasoning ?? ResponsesReasoning(),
            store: request.store ?? true,
            temperature: request.temperature ?? 1,
            text: request.text ?? ResponsesTextConfig(format: .text),
            toolChoice: request.toolChoice ?? .auto,
            tools: request.tools ?? [],
            topP: request.topP ?? 1,
            truncation: request.truncation ?? "disabled",
            usage: usage,
            user: request.user,
            metadata: request.metadata ?? [:]
        )
    }

    /// The status and incomplete details for how the model stopped: `length` ran out of
    /// `max_output_tokens`, `content_filter` was cut by the provider; anything else completed.
    static func ending(_ finishReason: FinishReason?) -> (status: ResponseStatus, details: ResponseIncompleteDetails?) {
        switch finishReason {
        case .length?: (.incomplete, ResponseIncompleteDetails(reason: "max_output_tokens"))
        case .contentFilter?: (.incomplete, ResponseIncompleteDetails(reason: "content_filter"))
        default: (.completed, nil)
        }
    }

    /// The finished response around `output`; the last item is marked incomplete when the
    /// response is, as it is the one the model was writing when it stopped.
    static func finished(
        request: ResponsesRequest,
        id: String,
        createdAt: Int,
        output: [ResponseItem],
        finishReason: FinishReason?,
        usage: Usage?
    ) -> ResponseObject {
        let (status, details) = ending(finishReason)
        var output = output
        if status == .incomplete, let last = output.indices.last {
            output[last] = output[last].marked(.incomplete)
        }
        var response = ResponseObject(
            request: request,
            id: id,
            createdAt: createdAt,
            status: status,
            output: output,
            usage: usage.map(ResponseUsage.init(chat:))
        )
        response.incompleteDetails = details
        return response
    }
}
