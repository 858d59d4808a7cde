using HttmOrleans.Storage;

namespace HttmOrleans.Grains;

/// <summary>
/// The <c>journal</c> module (versions 4000–4999): grain events for history views and the job log
/// behind <c>/api/v1/jobs</c>. Both are records the grains keep, not how they run: grain state,
/// reminders and membership are Orleans' own tables (module <c>orleans</c>).
/// </summary>
public static class JournalMigrations
{
    public static MigrationSet Set { get; } = new("journal",
        [
            new Migration(4000, "grain events and job log", """
                CREATE TABLE IF NOT EXISTS grain_events (
                    id bigserial PRIMARY KEY, grain_type text NOT NULL, grain_key text NOT NULL,
                    event_type text NOT NULL, payload text NOT NULL, at bigint NOT NULL);
                CREATE INDEX IF NOT EXISTS grain_events_grain ON grain_events (grain_type, grain_key, id);
                CREATE TABLE job_runs (
                    id text PRIMARY KEY, owner_type text NOT NULL, owner_key text NOT NULL, kind text NOT NULL,
                    capability text NOT NULL, status text NOT NULL, attempts integer NOT NULL, max_attempts integer NOT NULL,
                    handovers integer NOT NULL, silo text, progress double precision NOT NULL, message text, details text,
                    cancel_requested boolean NOT NULL, result text, error text,
                    created_at bigint NOT NULL, started_at bigint, finished_at bigint);
                CREATE INDEX job_runs_created ON job_runs (created_at);
                """),
        ],
        [
            new Migration(4000, "grain events and job log", """
                CREATE TABLE IF NOT EXISTS grain_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, grain_type TEXT NOT NULL, grain_key TEXT NOT NULL,
                    event_type TEXT NOT NULL, payload TEXT NOT NULL, at INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS grain_events_grain ON grain_events (grain_type, grain_key, id);
                CREATE TABLE job_runs (
                    id TEXT PRIMARY KEY, owner_type TEXT NOT NULL, owner_key TEXT NOT NULL, kind TEXT NOT NULL,
                    capability TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, max_attempts INTEGER NOT NULL,
                    handovers INTEGER NOT NULL, silo TEXT, progress REAL NOT NULL, message TEXT, details TEXT,
                    cancel_requested INTEGER NOT NULL, result TEXT, error TEXT,
                    created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER);
                CREATE INDEX job_runs_created ON job_runs (created_at);
                """),
        ]);
}
