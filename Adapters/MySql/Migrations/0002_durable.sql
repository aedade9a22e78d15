-- The durable runtime's tables, the same shape as the SQLite store's (Adapters/Sqlite/Durable/SqliteDurableSchema.cs):
-- times are UTC ticks, statuses and event types the enums' persisted numbers. Ids compare byte for byte, as on SQLite;
-- names keep the default collation, so that a name-prefix query ignores case as SQLite's LIKE does.
CREATE TABLE IF NOT EXISTS durable_instances (
    instance_id        VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NOT NULL,
    execution_id       VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name               VARCHAR(255) NOT NULL,
    version            VARCHAR(255) NULL,
    runtime_status     TINYINT NOT NULL,
    input              LONGTEXT NULL,
    output             LONGTEXT NULL,
    custom_status      LONGTEXT NULL,
    failure_details    LONGTEXT NULL,
    parent_instance_id VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NULL,
    created_at         BIGINT NOT NULL,
    last_updated_at    BIGINT NOT NULL,
    completed_at       BIGINT NULL,
    last_sequence      BIGINT NOT NULL DEFAULT 0,
    lease_owner        VARCHAR(255) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NULL,
    lease_expires_at   BIGINT NOT NULL DEFAULT 0,
    -- The one column SQLite lacks: the id of the last committed step, so that a step whose COMMIT went unanswered
    -- (a connection lost at that moment) can tell on its retry whether it committed.
    last_step_id       CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
    PRIMARY KEY (instance_id),
    KEY ix_durable_instances_created (created_at, instance_id),
    KEY ix_durable_instances_completed (runtime_status, completed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS durable_history (
    instance_id  VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NOT NULL,
    execution_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    sequence     BIGINT NOT NULL,
    event_type   TINYINT NOT NULL,
    task_id      INT NULL,
    timestamp    BIGINT NOT NULL,
    payload      LONGTEXT NOT NULL,
    PRIMARY KEY (instance_id, execution_id, sequence)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Claims walk ix_durable_inbox_visible in (visible_at, id) order; a future visible_at is a timer or a delayed start.
CREATE TABLE IF NOT EXISTS durable_inbox (
    id           BIGINT NOT NULL AUTO_INCREMENT,
    instance_id  VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NOT NULL,
    execution_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    event_type   TINYINT NOT NULL,
    visible_at   BIGINT NOT NULL,
    payload      LONGTEXT NOT NULL,
    PRIMARY KEY (id),
    KEY ix_durable_inbox_visible (visible_at, id),
    KEY ix_durable_inbox_instance (instance_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS durable_activities (
    id               BIGINT NOT NULL AUTO_INCREMENT,
    instance_id      VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NOT NULL,
    execution_id     VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    task_id          INT NOT NULL,
    name             VARCHAR(255) NOT NULL,
    version          VARCHAR(255) NULL,
    input            LONGTEXT NULL,
    attempt          INT NOT NULL,
    visible_at       BIGINT NOT NULL,
    lease_owner      VARCHAR(255) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} NULL,
    lease_expires_at BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_durable_activities_lease (lease_expires_at, id),
    KEY ix_durable_activities_instance (instance_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
