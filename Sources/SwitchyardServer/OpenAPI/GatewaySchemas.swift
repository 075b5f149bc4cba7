/// The named schemas of `/openapi.json` (`#/components/schemas/…`).
enum GatewaySchemas {
    static var all: [String: APISchema] {
        AdminSchemas.components.merging(surfaceSchemas) { admin, _ in admin }
    }

    /// A cursor page of `item`s.
    private static func list(of item: String) -> APISchema {
        .object(
            [
                ("object", APISchema.string.adding("const", "list")), ("data", .array(.ref(item))),
                ("first_id", APISchema.string.nullable), ("last_id", APISchema.string.nullable), ("has_more", .boolean),
            ],
            required: ["object", "data", "has_more"]
        )
    }

    /// A video or music job as the gateway answers it.
    private static func job(_ object: String, extra: [(String, APISchema)]) -> APISchema {
        .object(
            [
                ("id", .string), ("object", APISchema.string.adding("const", .string(object))), ("model", .string),
                ("status", APISchema.string.adding("enum", ["queued", "in_progress", "completed", "failed"])), ("progress", .integer),
                ("created_at", .integer), ("completed_at", APISchema.integer.nullable), ("expires_at", APISchema.integer.nullable),
                ("seconds", .string), ("prompt", APISchema.string.nullable), ("error", APISchema.anyObject.nullable),
            ] + extra,
            required: ["id", "object", "model", "status", "progress", "created_at"]
        )
    }

    private static var surfaceSchemas: [String: APISchema] {
        let endpoint = APISchema.object(
            [
                ("model_name", .string), ("deployment", .string), ("provider", .string),
                ("api_base", APISchema.string.described("Admins only.")), ("state", APISchema.string.adding("enum", ["healthy", "cooling"])),
                ("in_flight", .integer), ("recent_failures", .integer), ("cooldown_remaining_seconds", .number),
                ("latency_ms", .number), ("time_to_first_token_ms", .number), ("successes", .integer), ("failures", .integer),
                ("last_error", APISchema.string.described("Admins only.")),
            ],
            required: ["model_name", "deployment", "provider", "state", "in_flight", "recent_failures", "successes", "failures"]
        )
        return [
            "HealthReport": .object(
                [
                    ("healthy_endpoints", .array(endpoint)), ("unhealthy_endpoints", .array(endpoint)),
                    ("healthy_count", .integer), ("unhealthy_count", .integer),
                    ("config_reload", APISchema.anyObject.described("The last config reload: status, trigger, time, errors and warnings (admins).")),
                ],
                required: ["healthy_endpoints", "unhealthy_endpoints", "healthy_count", "unhealthy_count"]
            ),
            "Model": .object(
                [("id", .string), ("object", APISchema.string.adding("const", "model")), ("created", .integer), ("owned_by", .string)],
                required: ["id", "object", "created", "owned_by"]
            ),
            "ModelList": .object([("object", APISchema.string.adding("const", "list")), ("data", .array(.ref("Model")))], required: ["object", "data"]),
            "Response": .object([
                ("id", .string), ("object", APISchema.string.adding("const", "response")), ("status", .string), ("model", .string),
                ("output", .array(.anyObject)), ("usage", .anyObject), ("previous_response_id", APISchema.string.nullable),
            ]),
            "ItemList": .object(
                [
                    ("object", APISchema.string.adding("const", "list")), ("data", .array(.anyObject)),
                    ("first_id", APISchema.string.nullable), ("last_id", APISchema.string.nullable), ("has_more", .boolean),
                ],
                required: ["object", "data", "first_id", "last_id", "has_more"]
            ),
            "File": .object(
                [
                    ("id", .string), ("object", APISchema.string.adding("const", "file")), ("bytes", .integer), ("created_at", .integer),
                    ("expires_at", APISchema.integer.nullable), ("filename", .string), ("purpose", .string), ("status", .string),
                    ("status_details", APISchema.string.nullable),
                ],
                required: ["id", "object", "bytes", "created_at", "filename", "purpose"]
            ),
            "FileList": list(of: "File"),
            "Batch": .object(
                [
                    ("id", .string), ("object", APISchema.string.adding("const", "batch")), ("endpoint", .string), ("input_file_id", .string),
                    ("completion_window", .string), ("status", .string), ("output_file_id", APISchema.string.nullable),
                    ("error_file_id", APISchema.string.nullable), ("created_at", .integer), ("request_counts", .anyObject),
                    ("usage", .anyObject), ("errors", APISchema.anyObject.nullable), ("metadata", APISchema.anyObject.nullable),
                ],
                required: ["id", "object", "endpoint", "input_file_id", "completion_window", "status", "created_at"]
            ),
            "BatchList": list(of: "Batch"),
            "Video": job("video", extra: [("size", .string), ("remixed_from_video_id", APISchema.string.nullable)]),
            "Music": job("music", extra: []),
            "JobList": .object(
                [
                    ("object", APISchema.string.adding("const", "list")), ("data", .array(.anyObject)),
                    ("first_id", APISchema.string.nullable), ("last_id", APISchema.string.nullable), ("has_more", .boolean),
                ],
                required: ["object", "data", "first_id", "last_id", "has_more"]
            ),
            "OpenAIError": .object(
                [("error", .object(
                    [("message", .string), ("type", .string), ("param", APISchema.string.nullable), ("code", APISchema.string.nullable)],
                    required: ["message", "type"]
                ))],
                required: ["error"]
            ),
            "AnthropicError": .object(
                [("type", APISchema.string.adding("const", "error")), ("error", .object([("type", .string), ("message", .string)], required: ["type", "message"]))],
                required: ["type", "error"]
            ),
            "GeminiError": .object(
                [("error", .object([("code", .integer), ("message", .string), ("status", .string)], required: ["code", "message", "status"]))],
                required: ["error"]
            ),
        ]
    }
}
