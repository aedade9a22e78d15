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

-- Claims an instance in one round trip, inside the caller's READ COMMITTED transaction: the instance whose oldest
-- visible message is oldest, among those without a live lease that can act on a message (a pending one only on its
-- start or a terminate, a suspended one only on resume or terminate), leased to p_owner until p_expires; returns its
-- row and its visible messages. SKIP LOCKED passes over what other claimers hold. The join order and both indexes are
-- forced: on small tables the optimizer would otherwise sort a block-nested-loop join, and lock every candidate row
-- rather than stop at the first, so that concurrent claimers found nothing. Statuses and event types are the
-- persisted enum numbers: 0 Pending, 5 Suspended; 0 ExecutionStarted, 12 ExecutionResumed, 13 ExecutionTerminated.
DROP PROCEDURE IF EXISTS durable_claim_instance;
CREATE PROCEDURE durable_claim_instance(
    IN p_owner VARCHAR(255) CHARACTER SET utf8mb4 COLLATE {{binary_collation}},
    IN p_now BIGINT,
    IN p_expires BIGINT,
    IN p_max_messages INT)
MODIFIES SQL DATA
BEGIN
    DECLARE v_instance VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} DEFAULT NULL;
    SELECT STRAIGHT_JOIN i.instance_id INTO v_instance
    FROM durable_inbox m FORCE INDEX (ix_durable_inbox_visible)
    JOIN durable_instances i FORCE INDEX (PRIMARY) ON i.instance_id = m.instance_id
    WHERE m.visible_at <= p_now AND i.lease_expires_at <= p_now
      AND (i.runtime_status NOT IN (0, 5)
           OR (i.runtime_status = 0 AND m.event_type IN (0, 13))
           OR (i.runtime_status = 5 AND m.event_type IN (12, 13)))
    ORDER BY m.visible_at, m.id
    LIMIT 1
    FOR UPDATE SKIP LOCKED;
    IF v_instance IS NOT NULL THEN
        UPDATE durable_instances SET lease_owner = p_owner, lease_expires_at = p_expires WHERE instance_id = v_instance;
        SELECT instance_id, execution_id, name, version, runtime_status, last_sequence, custom_status
        FROM durable_instances WHERE instance_id = v_instance;
        SELECT id, execution_id, payload FROM durable_inbox
        WHERE instance_id = v_instance AND visible_at <= p_now ORDER BY id LIMIT p_max_messages;
    END IF;
END;

-- Opens a step's commit: locks the instance row and fails the statement, and with it the rest of the caller's
-- command and its COMMIT, unless the lease is still p_owner's on the execution and history it claimed (error 30001),
-- or when p_step is the step id already stored, a commit that went unanswered earlier (error 30002). So a step's
-- check, writes and COMMIT travel as one command.
DROP PROCEDURE IF EXISTS durable_lock_step;
CREATE PROCEDURE durable_lock_step(
    IN p_instance VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}},
    IN p_execution VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
    IN p_owner VARCHAR(255) CHARACTER SET utf8mb4 COLLATE {{binary_collation}},
    IN p_step CHAR(32) CHARACTER SET ascii COLLATE ascii_bin,
    IN p_last_sequence BIGINT)
READS SQL DATA
BEGIN
    DECLARE v_ours BOOLEAN DEFAULT FALSE;
    DECLARE v_step CHAR(32) CHARACTER SET ascii COLLATE ascii_bin DEFAULT NULL;
    SELECT COALESCE(lease_owner = p_owner AND execution_id = p_execution AND last_sequence = p_last_sequence, FALSE), last_step_id
    INTO v_ours, v_step
    FROM durable_instances WHERE instance_id = p_instance FOR UPDATE;
    IF v_step = p_step THEN
        SIGNAL SQLSTATE '45000' SET MYSQL_ERRNO = 30002, MESSAGE_TEXT = 'This step of the instance is committed already.';
    ELSEIF NOT v_ours THEN
        SIGNAL SQLSTATE '45000' SET MYSQL_ERRNO = 30001, MESSAGE_TEXT = 'The lease of the instance is no longer ours.';
    END IF;
END;
