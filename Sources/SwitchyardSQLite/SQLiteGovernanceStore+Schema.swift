extension SQLiteGovernanceStore {
    /// The schema, version by version; `migrate()` applies the ones a database lacks.
    static let migrations: [String] = [
        """
        CREATE TABLE switchyard_keys (
            token_hash TEXT PRIMARY KEY,
            key_name TEXT NOT NULL,
            key_alias TEXT,
            models TEXT NOT NULL DEFAULT '[]',
            max_budget REAL,
            budget_duration TEXT,
            budget_reset_at REAL,
            rpm_limit INTEGER,
            tpm_limit INTEGER,
            max_parallel_requests INTEGER,
            spend REAL NOT NULL DEFAULT 0,
            expires_at REAL,
            team_id TEXT,
            user_id TEXT,
            tags TEXT NOT NULL DEFAULT '[]',
            metadata TEXT NOT NULL DEFAULT '{}',
            blocked INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        );
        CREATE TABLE switchyard_teams (
            team_id TEXT PRIMARY KEY,
            team_alias TEXT,
            models TEXT NOT NULL DEFAULT '[]',
            max_budget REAL,
            budget_duration TEXT,
            budget_reset_at REAL,
            rpm_limit INTEGER,
            tpm_limit INTEGER,
            max_parallel_requests INTEGER,
            spend REAL NOT NULL DEFAULT 0,
            metadata TEXT NOT NULL DEFAULT '{}',
            blocked INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL
        );
        CREATE TABLE switchyard_users (
            user_id TEXT PRIMARY KEY,
            user_email TEXT,
            user_role TEXT,
            team_id TEXT,
            models TEXT NOT NULL DEFAULT '[]',
            max_budget REAL,
            budget_duration TEXT,
            budget_reset_at REAL,
            rpm_limit INTEGER,
            tpm_limit INTEGER,
            max_parallel_requests INTEGER,
            spend REAL NOT NULL DEFAULT 0,
            metadata TEXT NOT NULL DEFAULT '{}',
            created_at REAL NOT NULL
        );
        CREATE TABLE switchyard_usage_windows (
            entity_kind TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            minute INTEGER NOT NULL,
            requests INTEGER NOT NULL DEFAULT 0,
            tokens INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (entity_kind, entity_id, minute)
        ) WITHOUT ROWID;
        CREATE INDEX switchyard_usage_windows_minute ON switchyard_usage_windows (minute);
        CREATE TABLE switchyard_spend_logs (
            id INTEGER PRIMARY KEY,
            request_id TEXT NOT NULL,
            call_type TEXT NOT NULL,
            key_hash TEXT,
            key_alias TEXT,
            team_id TEXT,
            user_id TEXT,
            model_group TEXT NOT NULL,
            model TEXT,
            provider TEXT,
            spend REAL NOT NULL,
            prompt_tokens INTEGER NOT NULL,
            completion_tokens INTEGER NOT NULL,
            total_tokens INTEGER NOT NULL,
            start_time REAL NOT NULL,
            end_time REAL NOT NULL,
            status INTEGER NOT NULL,
            tags TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX switchyard_spend_logs_time ON switchyard_spend_logs (start_time);
        CREATE INDEX switchyard_spend_logs_key ON switchyard_spend_logs (key_hash, start_time);
        CREATE INDEX switchyard_spend_logs_user ON switchyard_spend_logs (user_id, start_time);
        CREATE INDEX switchyard_spend_logs_team ON switchyard_spend_logs (team_id, start_time);
        CREATE INDEX switchyard_spend_logs_model ON switchyard_spend_logs (model_group, start_time);
        -- A batch written twice (a retry after a write that did land) counts once.
        CREATE UNIQUE INDEX switchyard_spend_logs_request ON switchyard_spend_logs (request_id);
        CREATE TABLE switchyard_spend_log_tags (
            tag TEXT NOT NULL,
            start_time REAL NOT NULL,
            log_id INTEGER NOT NULL REFERENCES switchyard_spend_logs (id) ON DELETE CASCADE,
            PRIMARY KEY (tag, start_time, log_id)
        ) WITHOUT ROWID;
        CREATE INDEX switchyard_spend_log_tags_log ON switchyard_spend_log_tags (log_id);
        """,
        // Every index is written once per logged request, on the gateway's own cores. Filters
        // by user, team or model group use the time index (with a time range) or scan.
        """
        DROP INDEX IF EXISTS switchyard_spend_logs_user;
        DROP INDEX IF EXISTS switchyard_spend_logs_team;
        DROP INDEX IF EXISTS switchyard_spend_logs_model;
        """,
        // The cost trail: list price and billing multiplier beside the charged `spend`. No
        // backfill (a rewrite of the whole log at start-up): rows from before have a NULL
        // list cost, read as their spend, and the multiplier they were charged at, 1.
        """
        ALTER TABLE switchyard_spend_logs ADD COLUMN list_cost REAL;
        ALTER TABLE switchyard_spend_logs ADD COLUMN billing_multiplier REAL NOT NULL DEFAULT 1;
        """,
        // Units beside tokens (images, seconds, characters, queries, pages) and whether the
        // cost was known: a zero spend on an unpriced model is "unknown", not "free".
        """
        ALTER TABLE switchyard_spend_logs ADD COLUMN cost_known INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE switchyard_spend_logs ADD COLUMN units TEXT;
        """,
        // Stored responses of the Responses API. A rowid table, not WITHOUT ROWID: rows run to
        // hundreds of KB (base64 images), which SQLite keeps in overflow pages either way. The
        // chain walk follows previous_response_id to the primary key, so that column needs no
        // index of its own; created_at has one for pruning.
        """
        CREATE TABLE switchyard_responses (
            id TEXT PRIMARY KEY,
            owner_key_hash TEXT NOT NULL,
            team_id TEXT,
            previous_response_id TEXT,
            model TEXT NOT NULL,
            created_at REAL NOT NULL,
            input_items TEXT NOT NULL,
            response TEXT NOT NULL
        );
        CREATE INDEX switchyard_responses_created ON switchyard_responses (created_at);
        """,
        // Answers from the response cache: flagged, with the cost they saved.
        """
        ALTER TABLE switchyard_spend_logs ADD COLUMN cache_hit INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE switchyard_spend_logs ADD COLUMN saved_cost REAL NOT NULL DEFAULT 0;
        """,
        // Files API: metadata here, bytes in a directory beside the database. A row is
        // `uploading` until its bytes are all stored, and only `processed` rows are visible.
        // Lists page by (created_at, id) for an owner, a team, or everyone (admins); usage sums
        // an owner's or a team's bytes. Keys and teams get their storage limit.
        """
        ALTER TABLE switchyard_keys ADD COLUMN max_storage_bytes INTEGER;
        ALTER TABLE switchyard_teams ADD COLUMN max_storage_bytes INTEGER;
        CREATE TABLE switchyard_files (
            id TEXT PRIMARY KEY,
            owner_key_hash TEXT NOT NULL,
            team_id TEXT,
            filename TEXT NOT NULL,
            purpose TEXT NOT NULL,
            bytes INTEGER NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL,
            status TEXT NOT NULL
        );
        CREATE INDEX switchyard_files_owner ON switchyard_files (owner_key_hash, created_at, id);
        CREATE INDEX switchyard_files_team ON switchyard_files (team_id, created_at, id) WHERE team_id IS NOT NULL;
        CREATE INDEX switchyard_files_created ON switchyard_files (created_at, id);
        CREATE INDEX switchyard_files_expires ON switchyard_files (expires_at) WHERE expires_at IS NOT NULL;
        CREATE INDEX switchyard_files_uploading ON switchyard_files (created_at) WHERE status = 'uploading';
        """,
        // Batches and their lines. A line's result columns stay NULL until it has run; the
        // scheduler reads unsettled lines by the primary key, and claims work through the
        // partial index of batches that still have some.
        """
        CREATE TABLE switchyard_batches (
            id TEXT PRIMARY KEY,
            owner_key_hash TEXT NOT NULL,
            team_id TEXT,
            endpoint TEXT NOT NULL,
            input_file_id TEXT NOT NULL,
            completion_window TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            in_progress_at REAL,
            finalizing_at REAL,
            completed_at REAL,
            failed_at REAL,
            expired_at REAL,
            cancelling_at REAL,
            cancelled_at REAL,
            output_file_id TEXT,
            error_file_id TEXT,
            total INTEGER NOT NULL DEFAULT 0,
            completed INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            input_tokens INTEGER NOT NULL DEFAULT 0,
            cached_tokens INTEGER NOT NULL DEFAULT 0,
            output_tokens INTEGER NOT NULL DEFAULT 0,
            reasoning_tokens INTEGER NOT NULL DEFAULT 0,
            errors TEXT,
            metadata TEXT,
            model TEXT,
            lease_owner TEXT,
            lease_expires_at REAL
        );
        CREATE INDEX switchyard_batches_owner ON switchyard_batches (owner_key_hash, created_at);
        CREATE INDEX switchyard_batches_created ON switchyard_batches (created_at);
        CREATE INDEX switchyard_batches_active ON switchyard_batches (created_at)
            WHERE status IN ('validating', 'in_progress', 'finalizing', 'cancelling');
        CREATE TABLE switchyard_batch_lines (
            batch_id TEXT NOT NULL REFERENCES switchyard_batches (id) ON DELETE CASCADE,
            line_index INTEGER NOT NULL,
            custom_id TEXT NOT NULL,
            body TEXT NOT NULL,
            result_id TEXT,
            status_code INTEGER,
            request_id TEXT,
            response TEXT,
            error_code TEXT,
            error_message TEXT,
            PRIMARY KEY (batch_id, line_index)
        );
        """,
        // Video and music jobs the gateway polls. `settled` flips once, when the job's hold is
        // charged or released; the poller claims due jobs by (status, next_poll_at).
        """
        CREATE TABLE switchyard_jobs (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            owner_key_hash TEXT NOT NULL,
            team_id TEXT,
            model TEXT NOT NULL,
            deployment_id TEXT NOT NULL,
            upstream_id TEXT NOT NULL,
            status TEXT NOT NULL,
            progress INTEGER NOT NULL DEFAULT 0,
            prompt TEXT,
            seconds INTEGER NOT NULL,
            size TEXT,
            remixed_from_id TEXT,
            error_code TEXT,
            error_message TEXT,
            created_at REAL NOT NULL,
            completed_at REAL,
            expires_at REAL,
            held_cost REAL NOT NULL DEFAULT 0,
            charged_cost REAL,
            settled INTEGER NOT NULL DEFAULT 0,
            content_location TEXT,
            content_bytes INTEGER,
            content_type TEXT,
            next_poll_at REAL NOT NULL,
            poll_count INTEGER NOT NULL DEFAULT 0,
            consecutive_errors INTEGER NOT NULL DEFAULT 0,
            lease_owner TEXT,
            lease_until REAL,
            request_id TEXT NOT NULL,
            call_type TEXT NOT NULL,
            tags TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX switchyard_jobs_due ON switchyard_jobs (status, next_poll_at);
        CREATE INDEX switchyard_jobs_owner ON switchyard_jobs (owner_key_hash, kind, created_at);
        CREATE INDEX switchyard_jobs_expires ON switchyard_jobs (expires_at);
        """,
        // Deployments added with /model/new: each model_list entry as JSON.
        """
        CREATE TABLE switchyard_models (
            id TEXT PRIMARY KEY,
            model_name TEXT NOT NULL,
            entry TEXT NOT NULL,
            created_at REAL NOT NULL
        );
        """,
        // How long a batch's output and error files are kept (output_expires_after).
        """
        ALTER TABLE switchyard_batches ADD COLUMN output_expires_after REAL;
        """,
        // The console filters the request log by model group, team and user: each gets an
        // index again (dropped above to save writes), since a page is now found on an index
        // alone. Measured in bench/results/2026-12-06-console.md.
        """
        CREATE INDEX switchyard_spend_logs_model ON switchyard_spend_logs (model_group, start_time);
        CREATE INDEX switchyard_spend_logs_team ON switchyard_spend_logs (team_id, start_time) WHERE team_id IS NOT NULL;
        CREATE INDEX switchyard_spend_logs_user ON switchyard_spend_logs (user_id, start_time) WHERE user_id IS NOT NULL;
        """,
    ]
}
