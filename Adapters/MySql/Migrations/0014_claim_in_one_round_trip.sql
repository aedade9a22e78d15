-- An idle worker's claim is one round trip: durable_claim_step (as in 0011: the same search, ORDER BY visible_at, id,
-- locking only the row it returns) now answers with a first row saying what it found, and ends an empty claim
-- itself. Its last column says whether an activity is claimable (no live lease), so that a worker whose claims
-- look at the store often needs no separate activity polls. Found: (1, whether another instance had a message
-- ready, NULL, activities), then the instance row and its visible messages, as before; the claim's transaction stays open and its session's idle timeout becomes the lease
-- (p_idle_seconds), so that a hung worker's claim is dropped with its connection. Nothing found: the transaction is
-- rolled back here, and the row is (0, 0, the earliest future visible_at, activities): when the next timer or delayed
-- start is due. The "more" and activity reads are plain reads (they lock nothing, so they also see rows other claims
-- hold): hints that another claim may find work at once.
DROP PROCEDURE IF EXISTS durable_claim_step;
CREATE PROCEDURE durable_claim_step(
    IN p_now BIGINT,
    IN p_max_messages INT,
    IN p_idle_seconds INT)
MODIFIES SQL DATA
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
        SET SESSION wait_timeout = p_idle_seconds;
        SELECT 1, EXISTS (
            SELECT 1
            FROM durable_inbox m FORCE INDEX (ix_durable_inbox_visible)
            JOIN durable_instances i FORCE INDEX (PRIMARY) ON i.instance_id = m.instance_id
            WHERE m.visible_at <= p_now AND m.instance_id <> v_instance AND i.lease_expires_at <= p_now
              AND (i.runtime_status NOT IN (0, 5)
                   OR (i.runtime_status = 0 AND m.event_type IN (0, 13))
                   OR (i.runtime_status = 5 AND m.event_type IN (12, 13)))), NULL, EXISTS (
            SELECT 1 FROM durable_activities FORCE INDEX (ix_durable_activities_lease)
            WHERE lease_expires_at <= p_now AND visible_at <= p_now);
        SELECT v_instance, v_execution, v_name, v_version, v_status, v_sequence, v_custom_status;
        SELECT id, execution_id, payload FROM durable_inbox FORCE INDEX (ix_durable_inbox_ready)
        WHERE instance_id = v_instance AND visible_at <= p_now ORDER BY visible_at, id LIMIT p_max_messages;
    ELSE
        ROLLBACK;
        SELECT 0, 0, (SELECT MIN(visible_at) FROM durable_inbox FORCE INDEX (ix_durable_inbox_visible) WHERE visible_at > p_now),
            EXISTS (SELECT 1 FROM durable_activities FORCE INDEX (ix_durable_activities_lease)
                    WHERE lease_expires_at <= p_now AND visible_at <= p_now);
    END IF;
END;
