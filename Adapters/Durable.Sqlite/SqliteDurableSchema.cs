namespace Portable.Adapters.Durable.Sqlite;

/// <summary>
/// The durable runtime's tables, prefixed so they can share a database file with other stores.
/// Times are UTC ticks; statuses and event types are the enums' persisted numbers.
/// </summary>
internal static class SqliteDurableSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS durable_instances (
            instance_id        TEXT    NOT NULL PRIMARY KEY,
            execution_id       TEXT    NOT NULL,
            name               TEXT    NOT NULL,
            version            TEXT,
            runtime_status     INTEGER NOT NULL,
            input              TEXT,
            output             TEXT,
            custom_status      TEXT,
            failure_details    TEXT,
            parent_instance_id TEXT,
            created_at         INTEGER NOT NULL,
            last_updated_at    INTEGER NOT NULL,
            completed_at       INTEGER,
            last_sequence      INTEGER NOT NULL DEFAULT 0,
            lease_owner        TEXT,
            lease_expires_at   INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_durable_instances_created ON durable_instances (created_at, instance_id);
        CREATE INDEX IF NOT EXISTS ix_durable_instances_completed ON durable_instances (runtime_status, completed_at);

        CREATE TABLE IF NOT EXISTS durable_history (
            instance_id  TEXT    NOT NULL,
            execution_id TEXT    NOT NULL,
            sequence     INTEGER NOT NULL,
            event_type   INTEGER NOT NULL,
            task_id      INTEGER,
            timestamp    INTEGER NOT NULL,
            payload      TEXT    NOT NULL,
            PRIMARY KEY (instance_id, execution_id, sequence)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS durable_inbox (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id  TEXT    NOT NULL,
            execution_id TEXT,
            event_type   INTEGER NOT NULL,
            visible_at   INTEGER NOT NULL,
            payload      TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_durable_inbox_visible ON durable_inbox (visible_at);
        CREATE INDEX IF NOT EXISTS ix_durable_inbox_instance ON durable_inbox (instance_id, id);
        CREATE INDEX IF NOT EXISTS ix_durable_inbox_ready ON durable_inbox (instance_id, visible_at, id);

        CREATE TABLE IF NOT EXISTS durable_activities (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id      TEXT    NOT NULL,
            execution_id     TEXT    NOT NULL,
            task_id          INTEGER NOT NULL,
            name             TEXT    NOT NULL,
            version          TEXT,
            input            TEXT,
            attempt          INTEGER NOT NULL,
            visible_at       INTEGER NOT NULL,
            lease_owner      TEXT,
            lease_expires_at INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS ix_durable_activities_lease ON durable_activities (lease_expires_at, id);
        CREATE INDEX IF NOT EXISTS ix_durable_activities_instance ON durable_activities (instance_id);
        """;
}
