using HttmOrleans.Storage;

namespace HttmOrleans.Runtime.Storage;

internal static class PostgresMigrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "runtime tables", """
            CREATE TABLE grains (
                grain_type text NOT NULL,
                grain_key text NOT NULL,
                etag bigint NOT NULL,
                state text NULL,
                updated_at bigint NOT NULL,
                PRIMARY KEY (grain_type, grain_key));

            CREATE TABLE outbox (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                target_type text NOT NULL,
                target_key text NOT NULL,
                method text NOT NULL,
                args text NOT NULL,
                created_at bigint NOT NULL,
                lease_owner text NULL,
                lease_until bigint NOT NULL DEFAULT 0,
                attempts bigint NOT NULL DEFAULT 0,
                last_error text NULL,
                dead bigint NOT NULL DEFAULT 0);
            CREATE INDEX outbox_ready ON outbox (dead, lease_until, id);

            CREATE TABLE reminders (
                grain_type text NOT NULL,
                grain_key text NOT NULL,
                name text NOT NULL,
                period_ms bigint NOT NULL,
                due_at bigint NOT NULL,
                first_tick_at bigint NOT NULL,
                lease_owner text NULL,
                lease_until bigint NOT NULL DEFAULT 0,
                last_tick_at bigint NULL,
                tick_count bigint NOT NULL DEFAULT 0,
                PRIMARY KEY (grain_type, grain_key, name));
            CREATE INDEX reminders_due ON reminders (due_at);

            CREATE TABLE jobs (
                id text PRIMARY KEY,
                owner_type text NOT NULL,
                owner_key text NOT NULL,
                kind text NOT NULL,
                capability text NOT NULL,
                payload text NOT NULL,
                status text NOT NULL,
                attempts bigint NOT NULL DEFAULT 0,
                max_attempts bigint NOT NULL,
                handovers bigint NOT NULL DEFAULT 0,
                lease_owner text NULL,
                lease_until bigint NOT NULL DEFAULT 0,
                heartbeat_at bigint NULL,
                cancel_requested bigint NOT NULL DEFAULT 0,
                progress double precision NOT NULL DEFAULT 0,
                progress_message text NULL,
                progress_details text NULL,
                result text NULL,
                error text NULL,
                not_before bigint NOT NULL DEFAULT 0,
                created_at bigint NOT NULL,
                started_at bigint NULL,
                finished_at bigint NULL);
            CREATE INDEX jobs_ready ON jobs (status, capability, created_at);
            CREATE INDEX jobs_owner ON jobs (owner_type, owner_key);

            CREATE TABLE grain_events (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                grain_type text NOT NULL,
                grain_key text NOT NULL,
                event_type text NOT NULL,
                payload text NOT NULL,
                at bigint NOT NULL);
            CREATE INDEX grain_events_grain ON grain_events (grain_type, grain_key, id);

            CREATE TABLE silos (
                silo_id text PRIMARY KEY,
                role text NOT NULL,
                address text NOT NULL,
                capabilities text NOT NULL,
                version text NOT NULL,
                started_at bigint NOT NULL,
                last_heartbeat bigint NOT NULL,
                load text NOT NULL,
                status text NOT NULL);
            """),
    ];
}
