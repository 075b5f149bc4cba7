/// Keys LiteLLM knows that the gateway accepts without acting on them (or passes to providers).
///
/// Keys listed here are never silent: "not supported yet" keys get a warning that says so,
/// provider keys are kept in `Deployment.extraParams` for the provider adapters.
enum ConfigKeys {
    /// `litellm_params` keys kept in `extraParams` for providers, without a warning.
    static let providerParams: Set<String> = [
        "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "aws_region_name",
        "aws_bedrock_runtime_endpoint", "aws_profile_name", "aws_role_name", "aws_session_name",
        "vertex_project", "vertex_location", "vertex_credentials",
        "azure_ad_token", "max_tokens", "headers", "custom_llm_provider", "use_in_pass_through",
        "merge_reasoning_content_in_choices",
    ]

    /// `litellm_params` keys LiteLLM acts on that the gateway does not yet.
    static let paramsNotSupportedYet: Set<String> = [
        "tags", "mock_response",
        "max_budget", "budget_duration", "region_name", "cache_control_injection_points",
        "stream", "num_retries",
    ]

    /// Cost keys LiteLLM allows in `litellm_params`; they are folded into `model_info`.
    static let costKeys: Set<String> = [
        "input_cost_per_token", "output_cost_per_token",
        "cache_read_input_token_cost", "cache_creation_input_token_cost",
        "output_cost_per_image", "input_cost_per_pixel", "input_cost_per_image_token", "output_cost_per_image_token",
        "input_cost_per_character", "input_cost_per_second", "input_cost_per_query", "ocr_cost_per_page",
        "input_cost_per_request", "output_cost_per_video_per_second", "output_cost_per_second", "output_cost_per_music_track",
    ]

    /// `model_info` keys that are descriptive only, kept in `ModelInfo.extra` without a warning.
    static let modelInfoDescriptive: Set<String> = [
        "description", "litellm_provider", "tier", "db_model", "key", "updated_at", "updated_by",
        "created_at", "created_by", "supported_openai_params", "supported_endpoints",
        "supported_modalities", "supported_output_modalities",
    ]

    /// `model_info` keys LiteLLM acts on that the gateway does not yet.
    static let modelInfoNotSupportedYet: Set<String> = [
        "access_groups", "team_id", "team_public_model_name", "health_check_model",
        "output_cost_per_reasoning_token", "input_cost_per_audio_token", "output_cost_per_audio_token",
        "input_cost_per_token_above_200k_tokens", "output_cost_per_token_above_200k_tokens",
        "input_cost_per_token_batches", "output_cost_per_token_batches",
        "input_cost_per_image",
        "output_cost_per_character", "cache_creation_input_token_cost_above_1hr",
        "search_context_cost_per_query",
    ]

    /// `router_settings` keys LiteLLM acts on that the gateway does not yet.
    static let routerNotSupportedYet: Set<String> = [
        "redis_host", "redis_password", "redis_port", "redis_url", "enable_pre_call_checks",
        "routing_strategy_args", "cache_responses", "cache_kwargs", "allowed_fails_policy",
        "retry_policy", "model_group_retry_policy", "provider_budget_config", "enable_tag_filtering",
        "disable_cooldowns", "optional_pre_call_checks", "max_fallbacks", "set_verbose", "debug_level",
        "polling_interval", "client_ttl", "default_max_parallel_requests", "default_priority",
        "router_general_settings", "model_group_affinity_config", "deployment_affinity_ttl_seconds",
    ]

    /// `litellm_settings` keys LiteLLM acts on that the gateway does not yet.
    static let litellmNotSupportedYet: Set<String> = [
        "set_verbose", "success_callback", "failure_callback",
        "service_callback", "telemetry", "turn_off_message_logging",
        "redact_user_api_key_info", "redact_messages_in_exceptions", "max_budget", "budget_duration",
        "default_team_settings", "upperbound_key_generate_params", "default_key_generate_params",
        "modify_params", "enable_json_schema_validation", "return_response_headers",
        "force_ipv4", "max_internal_user_budget", "internal_user_budget_duration",
        "default_internal_user_params", "callback_settings", "disable_end_user_cost_tracking",
        "guardrails", "context_window_fallback_dict", "allowed_fails", "cooldown_time",
        "max_end_user_budget", "default_max_internal_user_budget", "enable_preview_features",
        "disable_add_transform_inline_image_block", "public_model_groups", "drop_params_for_models",
        "key_generation_settings", "presidio_ad_hoc_recognizers", "content_policy_fallbacks_dict",
        "langfuse_default_tags", "mcp_aliases", "request_timeout_for_streaming", "global_disable_no_log_param",
    ]

    /// `general_settings` keys LiteLLM acts on that the gateway does not yet.
    static let generalNotSupportedYet: Set<String> = [
        "alerting", "alerting_threshold", "alert_types", "alerting_args", "alert_to_webhook_url",
        "store_model_in_db", "store_prompts_in_spend_logs",
        "database_connection_pool_limit", "database_connection_timeout",
        "disable_error_logs", "allow_requests_on_db_unavailable", "custom_auth", "custom_auth_settings",
        "enforce_user_param", "allowed_routes", "public_routes", "admin_only_routes", "ui_access_mode",
        "proxy_budget_rescheduler_min_time", "proxy_budget_rescheduler_max_time", 
        "health_check_details", "use_client_credentials_pass_through_routes",
        "pass_through_endpoints", "infer_model_from_keys", "disable_master_key_return",
        "disable_retry_on_max_parallel_request_limit_error", 
        "maximum_spend_logs_retention_interval", "user_header_name", "forward_client_headers_to_llm_api",
        "max_parallel_requests", "global_max_parallel_requests", "max_response_size_mb",
        "allowed_ips", "enable_jwt_auth", "litellm_jwtauth", "master_key_rotation", "disable_reset_budget",
        "database_type", "database_args", "key_management_system", "key_management_settings",
        "use_redis_transaction_buffer", "use_shared_health_check", "disable_prisma_schema_update",
        "proxy_admin_email", "litellm_key_header_name", "enable_oauth2_auth", "moderation_model",
        "embedding_model", "completion_model", "default_team_disabled", "allow_user_auth",
        "reject_clientside_metadata_tags", "service_account_settings", "spend_report_frequency",
        "supported_db_objects", "store_audit_logs", "mcp_client_side_auth_header_name",
    ]
}
