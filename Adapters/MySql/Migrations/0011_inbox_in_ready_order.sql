-- A step applies its instance's messages in the order they became ready (visible_at, then id), not the order they
-- were inserted: a timer is inserted when it is created, so by id it would come before an event that arrived before
-- the timer fired (an order's delivery timer before its cancel). durable_claim_step as in 0006 but for that ORDER BY,
-- served by ix_durable_inbox_ready. MySQL 8 has no CREATE INDEX IF NOT EXISTS, so a throwaway procedure makes the
-- script safe to run again.
DROP PROCEDURE IF EXISTS portable_migration_0011;
CREATE PROCEDURE portable_migration_0011()
MODIFIES SQL DATA
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.STATISTICS
                   WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'durable_inbox' AND INDEX_NAME = 'ix_durable_inbox_ready') THEN
        ALTER TABLE durable_inbox ADD INDEX ix_durable_inbox_ready (instance_id, visible_at, id);
    END IF;
END;
CALL portable_migration_0011();
DROP PROCEDURE portable_migration_0011;

DROP PROCEDURE IF EXISTS durable_claim_step;
CREATE PROCEDURE durable_claim_step(
    IN p_now BIGINT,
    IN p_max_messages INT)
READS SQL DATA
BEGIN
    DECLARE v_instance VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} DEFAULT NULL;
    DECLARE v_execution VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin;
    DECLARE v_name VARCHAR(255) CHARACTER SET utf8mb4;
    DECLARE v_version VARCHAR(255) CHARACTER SET utf8mb4;
    DECLARE v_status TINYINT;
    DECLARE v_sequence BIGINT;
    DECLARE v_custom_status LONGTEXT CHARACTER SET utf8mb4;
    SELECT STRAIGHT_JOIN i.instance_id, i.execution_id, i.name, i.version, i.runtime_status, i.last_sequence, i.custom_status
    INTO v_instance, v_execution, v_name, v_version, v_status, v_sequence, v_custom_status
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
        SELECT v_instance, v_execution, v_name, v_version, v_status, v_sequence, v_custom_status;
        SELECT id, execution_id, payload FROM durable_inbox FORCE INDEX (ix_durable_inbox_ready)
        WHERE instance_id = v_instance AND visible_at <= p_now ORDER BY visible_at, id LIMIT p_max_messages;
    END IF;
END;
