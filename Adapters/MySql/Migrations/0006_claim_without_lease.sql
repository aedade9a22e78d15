-- Since 0005 a step is one transaction from its claim to its commit, so the lease durable_claim_instance writes is
-- never committed, and no one else ever reads it: the row locks of the claim's SELECT ... FOR UPDATE are what keep
-- other claimers off the instance until the step commits or rolls back. This claim writes nothing, and takes the
-- instance row's columns in the locking SELECT itself: two statements fewer a step. It still passes over an instance
-- whose committed lease is live, which only workers from before 0005 write. Same join, order and forced indexes as
-- durable_claim_instance, which stays until no worker of an earlier version calls it.
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
        SELECT id, execution_id, payload FROM durable_inbox
        WHERE instance_id = v_instance AND visible_at <= p_now ORDER BY id LIMIT p_max_messages;
    END IF;
END;
