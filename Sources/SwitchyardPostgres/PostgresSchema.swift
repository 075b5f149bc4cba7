/// The store's schema as numbered migrations; `migrate()` applies those above the version
/// recorded in `switchyard_schema_version`.
///
/// Migrations are append-only: a released one never changes, a change is a new version.
/// Each statement is run on its own (the extended protocol takes one statement per query).
/// Times are Unix seconds in `DOUBLE PRECISION`, as the records carry them; a UTC day is then
/// `floor(t / 86400)` with no time zone in sight.
enum PostgresSchema {
    struct Migration: Sendable {
        var version: Int
        var statements: [String]
    }

    /// Any constant shared by every replica: it names the advisory lock `migrate()` holds.
    static let migrationLock: Int64 = 0x5377_6974_6368_7961

    static let versionTable = """
        CREATE TABLE IF NOT EXISTS switchyard_schema_version (
            version INTEGER PRIMARY KEY,
            applied_at DOUBLE PRECISION NOT NULL
        )
        """

    static let migrations: [Migration] = [
        Migration(version: 1, statements: [
            """
            CREATE TABLE IF NOT EXISTS switchyard_keys (
                token_hash TEXT PRIMARY KEY,
                key_name TEXT NOT NULL,
                key_alias TEXT,
                models TEXT[] NOT NULL DEFAULT '{}',
                max_budget DOUBLE PRECISION,
                budget_duration TEXT,
                budget_reset_at DOUBLE PRECISION,
                rpm_limit BIGINT,
                tpm_limit BIGINT,
                max_parallel_requests BIGINT,
                spend DOUBLE PRECISION NOT NULL DEFAULT 0,
                expires_at DOUBLE PRECISION,
                team_id TEXT,
                user_id TEXT,
                tags TEXT[] NOT NULL DEFAULT '{}',
                metadata JSONB NOT NULL DEFAULT '{}',
                blocked BOOLEAN NOT NULL DEFAULT FALSE,
                created_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS switchyard_teams (
                team_id TEXT PRIMARY KEY,
                team_alias TEXT,
                models TEXT[] NOT NULL DEFAULT '{}',
                max_budget DOUBLE PRECISION,
                budget_duration TEXT,
                budget_reset_at DOUBLE PRECISION,
                rpm_limit BIGINT,
                tpm_limit BIGINT,
                max_parallel_requests BIGINT,
                spend DOUBLE PRECISION NOT NULL DEFAULT 0,
                metadata JSONB NOT NULL DEFAULT '{}',
                blocked BOOLEAN NOT NULL DEFAULT FALSE,
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS switchyard_users (
                user_id TEXT PRIMARY KEY,
                user_email TEXT,
                user_role TEXT,
                team_id TEXT,
                models TEXT[] NOT NULL DEFAULT '{}',
                max_budget DOUBLE PRECISION,
                budget_duration TEXT,
                budget_reset_at DOUBLE PRECISION,
                rpm_limit BIGINT,
                tpm_limit BIGINT,
                max_parallel_requests BIGINT,
                spend DOUBLE PRECISION NOT NULL DEFAULT 0,
                metadata JSONB NOT NULL DEFAULT '{}',
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS switchyard_usage_windows (
                entity_kind TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                minute BIGINT NOT NULL,
                requests BIGINT NOT NULL DEFAULT 0,
                tokens BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (entity_kind, entity_id, minute)
            )
            """,
            // `usage(since:)` and `prune` read by minute across all entities.
            "CREATE INDEX IF NOT EXISTS switchyard_usage_windows_minute ON switchyard_usage_windows (minute)",
            // request_id is the key so a batch written twice (a retry after a timeout) counts once.
            """
            CREATE TABLE IF NOT EXISTS switchyard_spend_logs (
                request_id TEXT PRIMARY KEY,
                call_type TEXT NOT NULL,
                key_hash TEXT,
                key_alias TEXT,
                team_id TEXT,
                user_id TEXT,
                model_group TEXT NOT NULL,
                model TEXT,
                provider TEXT,
                spend DOUBLE PRECISION NOT NULL DEFAULT 0,
                prompt_tokens BIGINT NOT NULL DEFAULT 0,
                completion_tokens BIGINT NOT NULL DEFAULT 0,
                total_tokens BIGINT NOT NULL DEFAULT 0,
                start_time DOUBLE PRECISION NOT NULL,
                end_time DOUBLE PRECISION NOT NULL,
                status INTEGER NOT NULL,
                tags TEXT[] NOT NULL DEFAULT '{}'
            )
            """,
            // One index per `/spend/logs` filter, each ending in start_time so a filtered page
            // reads newest first straight off the index; the unfiltered one also serves the
            // day × model report's time range and `prune`.
            "CREATE INDEX IF NOT EXISTS switchyard_spend_logs_start ON switchyard_spend_logs (start_time DESC)",
            "CREATE INDEX IF NOT EXISTS switchyard_spend_logs_key ON switchyard_spend_logs (key_hash, start_time DESC)",
            "CREATE INDEX IF NOT EXISTS switchyard_spend_logs_user ON switchyard_spend_logs (user_id, start_time DESC)",
            "CREATE INDEX IF NOT EXISTS switchyard_spend_logs_team ON switchyard_spend_logs (team_id, start_time DESC)",
            "CREATE INDEX IF NOT EXISTS switchyard_spend_logs_model_group ON switchyard_spend_logs (model_group, start_time DESC)",
            "CREATE INDEX IF NOT EXISTS switchyard_spend_logs_tags ON switchyard_spend_logs USING GIN (tags)",
        ]),
        // The cost trail: list price and billing multiplier beside the charged `spend`. Both
        // are catalog-only changes (no table rewrite): rows from before have a NULL list cost,
        // read as their spend, and the multiplier they were charged at, 1.
        Migration(version: 2, statements: [
            "ALTER TABLE switchyard_spend_logs ADD COLUMN IF NOT EXISTS list_cost DOUBLE PRECISION",
            "ALTER TABLE switchyard_spend_logs ADD COLUMN IF NOT EXISTS billing_multiplier DOUBLE PRECISION NOT NULL DEFAULT 1",
        ]),
        // Units beside tokens and whether the cost was known (a zero spend on an unpriced
        // model is "unknown", not "free"); catalog-only changes again.
        Migration(version: 3, statements: [
            "ALTER TABLE switchyard_spend_logs ADD COLUMN IF NOT EXISTS cost_known BOOLEAN NOT NULL DEFAULT TRUE",
            "ALTER TABLE switchyard_spend_logs ADD COLUMN IF NOT EXISTS units TEXT",
        ]),
        // Stored responses of the Responses API. The JSON is TEXT, not JSONB: GET hands the
        // response back byte for byte, and JSONB would reorder keys and respace it. Large
        // values (base64 images) are TOASTed out of line. The chain walk follows
        // previous_response_id to the primary key, so that column needs no index of its own;
        // created_at has one for pruning.
        Migration(version: 4, statements: [
            """
            CREATE TABLE IF NOT EXISTS switchyard_responses (
                id TEXT PRIMARY KEY,
                owner_key_hash TEXT NOT NULL,
                team_id TEXT,
                previous_response_id TEXT,
                model TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                input_items TEXT NOT NULL,
                response TEXT NOT NULL
            )
            """,
            "CREATE INDEX IF NOT EXISTS switchyard_responses_created ON switchyard_responses (created_at)",
        ]),
        // Answers from the response cache: flagged, with the cost they saved; catalog-only.
        Migration(version: 5, statements: [
            "ALTER TABLE switchyard_spend_logs ADD COLUMN IF NOT EXISTS cache_hit BOOLEAN NOT NULL DEFAULT FALSE",
            "ALTER TABLE switchyard_spend_logs ADD COLUMN IF NOT EXISTS saved_cost DOUBLE PRECISION NOT NULL DEFAULT 0",
        ]),
        // Files API: metadata rows, and the bytes in 1 MiB chunk rows beside them so every
        // replica serves every file. A row is `uploading` until its chunks are all in; deleting
        // it deletes its chunks. Chunks are stored out of line uncompressed (EXTERNAL): uploads
        // are mostly compressed formats already, and pglz would spend CPU for nothing.
        Migration(version: 6, statements: [
            "ALTER TABLE switchyard_keys ADD COLUMN IF NOT EXISTS max_storage_bytes BIGINT",
            "ALTER TABLE switchyard_teams ADD COLUMN IF NOT EXISTS max_storage_bytes BIGINT",
            """
            CREATE TABLE IF NOT EXISTS switchyard_files (
                id TEXT PRIMARY KEY,
                owner_key_hash TEXT NOT NULL,
                team_id TEXT,
                filename TEXT NOT NULL,
                purpose TEXT NOT NULL,
                bytes BIGINT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                expires_at DOUBLE PRECISION,
                status TEXT NOT NULL
            )
            """,
            "CREATE INDEX IF NOT EXISTS switchyard_files_owner ON switchyard_files (owner_key_hash, created_at, id)",
            "CREATE INDEX IF NOT EXISTS switchyard_files_team ON switchyard_files (team_id, created_at, id) WHERE team_id IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS switchyard_files_created ON switchyard_files (created_at, id)",
            "CREATE INDEX IF NOT EXISTS switchyard_files_expires ON switchyard_files (expires_at) WHERE expires_at IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS switchyard_files_uploading ON switchyard_files (created_at) WHERE status = 'uploading'",
            """
            CREATE TABLE IF NOT EXISTS switchyard_file_chunks (
                file_id TEXT NOT NULL REFERENCES switchyard_files (id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                data BYTEA NOT NULL,
                PRIMARY KEY (file_id, seq)
            )
            """,
            "ALTER TABLE switchyard_file_chunks ALTER COLUMN data SET STORAGE EXTERNAL",
        ]),
        // Batches and their lines. A line's result columns stay NULL until it has run; the
        // scheduler reads unsettled lines by the primary key, and claims work through the
        // partial index of batches that still have some. Lines are TEXT as responses are.
        Migration(version: 7, statements: [
            """
            CREATE TABLE IF NOT EXISTS switchyard_batches (
                id TEXT PRIMARY KEY,
                owner_key_hash TEXT NOT NULL,
                team_id TEXT,
                endpoint TEXT NOT NULL,
                input_file_id TEXT NOT NULL,
                completion_window TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                expires_at DOUBLE PRECISION NOT NULL,
                in_progress_at DOUBLE PRECISION,
                finalizing_at DOUBLE PRECISION,
                completed_at DOUBLE PRECISION,
                failed_at DOUBLE PRECISION,
                expired_at DOUBLE PRECISION,
                cancelling_at DOUBLE PRECISION,
                cancelled_at DOUBLE PRECISION,
                output_file_id TEXT,
                error_file_id TEXT,
                total BIGINT NOT NULL DEFAULT 0,
                completed BIGINT NOT NULL DEFAULT 0,
                failed BIGINT NOT NULL DEFAULT 0,
                input_tokens BIGINT NOT NULL DEFAULT 0,
                cached_tokens BIGINT NOT NULL DEFAULT 0,
                output_tokens BIGINT NOT NULL DEFAULT 0,
                reasoning_tokens BIGINT NOT NULL DEFAULT 0,
                errors TEXT,
                metadata TEXT,
                model TEXT,
                lease_owner TEXT,
                lease_expires_at DOUBLE PRECISION
            )
            """,
            "CREATE INDEX IF NOT EXISTS switchyard_batches_owner ON switchyard_batches (owner_key_hash, created_at)",
            "CREATE INDEX IF NOT EXISTS switchyard_batches_created ON switchyard_batches (created_at)",
            """
            CREATE INDEX IF NOT EXISTS switchyard_batches_active ON switchyard_batches (created_at)
            WHERE status IN ('validating', 'in_progress', 'finalizing', 'cancelling')
            """,
            """
            CREATE TABLE IF NOT EXISTS switchyard_batch_lines (
                batch_id TEXT NOT NULL REFERENCES switchyard_batches (id) ON DELETE CASCADE,
                line_index BIGINT NOT NULL,
                custom_id TEXT NOT NULL,
                body TEXT NOT NULL,
                result_id TEXT,
                status_code BIGINT,
                request_id TEXT,
                response TEXT,
                error_code TEXT,
                error_message TEXT,
                PRIMARY KEY (batch_id, line_index)
            )
            """,
        ]),
        // Video and music jobs the gateway polls. `settled` flips once, when the job's hold is
        // charged or released; replicas claim due jobs by (status, next_poll_at) with
        // FOR UPDATE SKIP LOCKED and a lease.
        Migration(version: 8, statements: [
            """
            CREATE TABLE IF NOT EXISTS switchyard_jobs (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                owner_key_hash TEXT NOT NULL,
                team_id TEXT,
                model TEXT NOT NULL,
                deployment_id TEXT NOT NULL,
                upstream_id TEXT NOT NULL,
                status TEXT NOT NULL,
                progress BIGINT NOT NULL DEFAULT 0,
                prompt TEXT,
                seconds BIGINT NOT NULL,
                size TEXT,
                remixed_from_id TEXT,
                error_code TEXT,
                error_message TEXT,
                created_at DOUBLE PRECISION NOT NULL,
                completed_at DOUBLE PRECISION,
                expires_at DOUBLE PRECISION,
                held_cost DOUBLE PRECISION NOT NULL DEFAULT 0,
                charged_cost DOUBLE PRECISION,
                settled BOOLEAN NOT NULL DEFAULT FALSE,
                content_location TEXT,
                content_bytes BIGINT,
                content_type TEXT,
                next_poll_at DOUBLE PRECISION NOT NULL,
                poll_count BIGINT NOT NULL DEFAULT 0,
                consecutive_errors BIGINT NOT NULL DEFAULT 0,
                lease_owner TEXT,
                lease_until DOUBLE PRECISION,
                request_id TEXT NOT NULL,
                call_type TEXT NOT NULL,
                tags TEXT[] NOT NULL DEFAULT '{}'
            )
            """,
            "CREATE INDEX IF NOT EXISTS switchyard_jobs_due ON switchyard_jobs (status, next_poll_at)",
            "CREATE INDEX IF NOT EXISTS switchyard_jobs_owner ON switchyard_jobs (owner_key_hash, kind, created_at)",
            "CREATE INDEX IF NOT EXISTS switchyard_jobs_expires ON switchyard_jobs (expires_at)",
            // A finished job's content, chunked like a file's but with no file row.
            """
            CREATE TABLE IF NOT EXISTS switchyard_job_chunks (
                file_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                data BYTEA NOT NULL,
                PRIMARY KEY (file_id, seq)
            )
            """,
            "ALTER TABLE switchyard_job_chunks ALTER COLUMN data SET STORAGE EXTERNAL",
        ]),
        // Deployments added with /model/new: each model_list entry as JSON.
        Migration(version: 9, statements: [
            """
            CREATE TABLE IF NOT EXISTS switchyard_models (
                id TEXT PRIMARY KEY,
                model_name TEXT NOT NULL,
                entry TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
        ]),
        // How long a batch's output and error files are kept (output_expires_after).
        Migration(version: 10, statements: [
            "ALTER TABLE switchyard_batches ADD COLUMN IF NOT EXISTS output_expires_after DOUBLE PRECISION",
        ]),
    ]

    /// The newest version this build knows.
    static var latestVersion: Int { migrations.last?.version ?? 0 }
}
