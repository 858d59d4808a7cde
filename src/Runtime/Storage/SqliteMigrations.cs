using HttmOrleans.Storage;

namespace HttmOrleans.Runtime.Storage;

internal static class SqliteMigrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "runtime tables", """
            CREATE TABLE grains (
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                etag INTEGER NOT NULL,
                state TEXT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (grain_type, grain_key)) WITHOUT ROWID;

            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                target_type TEXT NOT NULL,
                target_key TEXT NOT NULL,
                method TEXT NOT NULL,
                args TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                lease_owner TEXT NULL,
                lease_until INTEGER NOT NULL DEFAULT 0,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT NULL,
                dead INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX outbox_ready ON outbox (dead, lease_until, id);

            CREATE TABLE reminders (
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                name TEXT NOT NULL,
                period_ms INTEGER NOT NULL,
                due_at INTEGER NOT NULL,
                first_tick_at INTEGER NOT NULL,
                lease_owner TEXT NULL,
                lease_until INTEGER NOT NULL DEFAULT 0,
                last_tick_at INTEGER NULL,
                tick_count INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (grain_type, grain_key, name));
            CREATE INDEX reminders_due ON reminders (due_at);

            CREATE TABLE jobs (
                id TEXT PRIMARY KEY,
                owner_type TEXT NOT NULL,
                owner_key TEXT NOT NULL,
                kind TEXT NOT NULL,
                capability TEXT NOT NULL,
                payload TEXT NOT NULL,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                max_attempts INTEGER NOT NULL,
                handovers INTEGER NOT NULL DEFAULT 0,
                lease_owner TEXT NULL,
                lease_until INTEGER NOT NULL DEFAULT 0,
                heartbeat_at INTEGER NULL,
                cancel_requested INTEGER NOT NULL DEFAULT 0,
                progress REAL NOT NULL DEFAULT 0,
                progress_message TEXT NULL,
                progress_details TEXT NULL,
                result TEXT NULL,
                error TEXT NULL,
                not_before INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                started_at INTEGER NULL,
                finished_at INTEGER NULL);
            CREATE INDEX jobs_ready ON jobs (status, capability, created_at);
            CREATE INDEX jobs_owner ON jobs (owner_type, owner_key);

            CREATE TABLE grain_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                event_type TEXT NOT NULL,
                payload TEXT NOT NULL,
                at INTEGER NOT NULL);
            CREATE INDEX grain_events_grain ON grain_events (grain_type, grain_key, id);

            CREATE TABLE silos (
                silo_id TEXT PRIMARY KEY,
                role TEXT NOT NULL,
                address TEXT NOT NULL,
                capabilities TEXT NOT NULL,
                version TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                last_heartbeat INTEGER NOT NULL,
                load TEXT NOT NULL,
                status TEXT NOT NULL);
            """),
    ];
}
